#pragma once
// The decoder of the anomaly-detection protocol (spec §8): an MLP trained to
// rebuild each window from its (frozen) features. Plain matrices in and out;
// torch stays inside.
#include "util/matrix.h"

#include <memory>
#include <string>

namespace btsf {

struct DecoderOptions {
    int hidden = 256;
    int epochs = 40;
    int batch = 64;
    double lr = 1e-3;
    unsigned long long seed = 0;
    std::string device = "cpu";
};

class WindowDecoder {
public:
    explicit WindowDecoder(const DecoderOptions& options);
    ~WindowDecoder();
    WindowDecoder(const WindowDecoder&) = delete;
    WindowDecoder& operator=(const WindowDecoder&) = delete;

    // features: N x D, targets: N x O. The features are z-scored with their
    // training statistics first, so the same decoder suits raw windows and
    // representations of any scale.
    void fit(const Matrix& features, const Matrix& targets);
    Matrix predict(const Matrix& features) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace btsf
