// Speed of the numerics kernels that issue 16 weighs against packaged libraries:
// the softmax-regression loss (the linear probe's inner loop) and the PCA eigen
// solver (t-SNE's reduction, the feature-angle view). Fixed seeded data, fixed
// work (L-BFGS with every tolerance at zero runs exactly its iteration cap), one
// thread. Prints one CSV row per case; bench/numerics_speed.sh runs two builds
// of it alternately and writes bench/results/numerics-speed.md.
//
//   bench_numerics LABEL [REPEATS]
#include "numerics/representation_geometry.h"
#include "numerics/softmax_regression.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

btsf::Matrix random_matrix(std::size_t rows, std::size_t cols, unsigned seed)
{
    std::mt19937 gen(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    btsf::Matrix m{rows, cols, std::vector<float>(rows * cols)};
    for (float& v : m.data) v = normal(gen);
    return m;
}

template <typename Fn>
double best_seconds(int repeats, Fn&& fn)
{
    double best = 1e30;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        fn();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_numerics LABEL [REPEATS]\n");
        return 2;
    }
    const std::string label = argv[1];
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    // Shapes of the linear probe: (train series, representation dims, classes).
    struct Softmax {
        std::size_t n, d;
        int k;
    };
    for (const Softmax s :
         {Softmax{300, 320, 2}, Softmax{1000, 320, 10}, Softmax{2000, 320, 26}, Softmax{200, 9996, 5}}) {
        const btsf::Matrix x = random_matrix(s.n, s.d, 7);
        std::vector<int> y(s.n);
        for (std::size_t i = 0; i < s.n; ++i) y[i] = int(i % std::size_t(s.k));
        btsf::LbfgsOptions o;
        o.max_iterations = 20;
        o.gradient_tolerance = 0;
        o.value_tolerance = 0;
        int evaluations = 0;
        const double seconds = best_seconds(repeats, [&] {
            btsf::SoftmaxRegression model;
            evaluations = model.fit(x, y, s.k, 1.0, o).evaluations;
        });
        std::printf("%s,softmax_fit,%zux%zu k=%d,%.3f,%d\n", label.c_str(), s.n, s.d, s.k,
                    1e3 * seconds / std::max(1, evaluations), evaluations);
    }
    // Shapes of the PCA: (rows, dims, components kept).
    struct Pca {
        std::size_t n, d;
        int dims;
    };
    for (const Pca p : {Pca{2000, 320, 50}, Pca{500, 320, 2}, Pca{300, 1500, 50}}) {
        const btsf::Matrix x = random_matrix(p.n, p.d, 11);
        const double seconds = best_seconds(repeats, [&] { (void)btsf::pca_project(x, p.dims); });
        std::printf("%s,pca_project,%zux%zu dims=%d,%.3f,1\n", label.c_str(), p.n, p.d, p.dims, 1e3 * seconds);
    }
    return 0;
}
