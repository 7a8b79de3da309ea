#pragma once
// The main BTSF config keys with the chosen preset's values, editable. Keys
// not shown keep the preset's value (the run's config.json records them all).
// The last values trained with are remembered (QSettings) and shown again.
#include "model/btsf_config.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace btsf::gui {

class ConfigForm : public QWidget {
    Q_OBJECT
public:
    explicit ConfigForm(QWidget* parent = nullptr);

    BtsfConfig config() const;
    void setConfig(const BtsfConfig& config);  // shows it (preset included)
    QString probe() const;                     // "both", "linear" or "svm"
    QString device() const;                    // "auto", "cpu" or "cuda"
    void setIterations(int iters);             // 0: the TS2Vec rule
    void remember() const;                     // saves what is shown, for the next session

private:
    void applyPreset(const QString& name);
    void restore();

    QComboBox* m_preset;
    QSpinBox* m_iters;
    QSpinBox* m_batch;
    QDoubleSpinBox* m_lr;
    QDoubleSpinBox* m_tau;
    QDoubleSpinBox* m_dropout;
    QDoubleSpinBox* m_cropMin;
    QComboBox* m_fusion;
    QSpinBox* m_loops;
    QComboBox* m_activation;
    QDoubleSpinBox* m_timestampLoss;
    QSpinBox* m_seed;
    QComboBox* m_probe;
    QComboBox* m_device;
    BtsfConfig m_base;  // the preset the hidden keys come from
};

}  // namespace btsf::gui
