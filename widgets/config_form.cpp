#include "config_form.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSettings>
#include <QSpinBox>

namespace btsf::gui {
namespace {
QDoubleSpinBox* number(QWidget* parent, double lo, double hi, int decimals, double step)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(lo, hi);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    return box;
}
}  // namespace

ConfigForm::ConfigForm(QWidget* parent)
    : QWidget(parent),
      m_preset(new QComboBox(this)),
      m_iters(new QSpinBox(this)),
      m_batch(new QSpinBox(this)),
      m_lr(number(this, 1e-6, 1.0, 6, 1e-4)),
      m_tau(number(this, 0.001, 10.0, 3, 0.01)),
      m_dropout(number(this, 0.0, 0.9, 2, 0.05)),
      m_cropMin(number(this, 0.05, 1.0, 2, 0.05)),
      m_fusion(new QComboBox(this)),
      m_loops(new QSpinBox(this)),
      m_activation(new QComboBox(this)),
      m_timestampLoss(number(this, 0.0, 10.0, 2, 0.1)),
      m_seed(new QSpinBox(this)),
      m_probe(new QComboBox(this)),
      m_device(new QComboBox(this))
{
    for (const auto& name : preset_names()) m_preset->addItem(QString::fromStdString(name));
    m_iters->setRange(0, 100000);
    m_iters->setSpecialValueText(tr("auto (TS2Vec rule)"));
    m_iters->setObjectName(QStringLiteral("iterations"));
    m_batch->setRange(2, 4096);
    m_fusion->addItems({"iterative", "bilinear", "sum", "concat", "temporal", "spectral"});
    m_loops->setRange(0, 10);
    m_activation->addItems({"identity", "sigmoid"});
    m_seed->setRange(0, 1000000);
    m_probe->addItems({"both", "svm", "linear"});
    // The window scores both probes (one table shows them side by side); the CLI's
    // default is the paper's SVM alone, so a script stays fast. Said where it differs.
    m_probe->setToolTip(
        tr("Which probe scores the representations. The workbench scores both by default; "
           "btsf-cli classify uses --probe svm unless told otherwise."));
    m_device->addItems({"auto", "cpu", "cuda"});

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Preset"), m_preset);
    form->addRow(tr("Iterations"), m_iters);
    form->addRow(tr("Batch size"), m_batch);
    form->addRow(tr("Learning rate"), m_lr);
    form->addRow(tr("Temperature τ"), m_tau);
    form->addRow(tr("Input dropout p"), m_dropout);
    form->addRow(tr("Crop min (1 = off)"), m_cropMin);
    form->addRow(tr("Fusion"), m_fusion);
    form->addRow(tr("Fusion loops L"), m_loops);
    form->addRow(tr("Output activation"), m_activation);
    form->addRow(tr("Timestamp loss weight"), m_timestampLoss);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Probe"), m_probe);
    form->addRow(tr("Device"), m_device);
    connect(m_preset, &QComboBox::currentTextChanged, this, &ConfigForm::applyPreset);
    applyPreset(QStringLiteral("default"));
    restore();
}

void ConfigForm::remember() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("train/config"), QString::fromStdString(config_to_json(config())));
    settings.setValue(QStringLiteral("train/probe"), probe());
    settings.setValue(QStringLiteral("train/device"), device());
}

void ConfigForm::restore()
{
    QSettings settings;
    const QString json = settings.value(QStringLiteral("train/config")).toString();
    if (!json.isEmpty()) {
        try {
            setConfig(config_from_json(json.toStdString(), "settings"));
        } catch (const std::invalid_argument&) {
            // Written by another version (a key renamed or removed): keep the default preset.
        }
    }
    m_probe->setCurrentText(settings.value(QStringLiteral("train/probe"), m_probe->currentText()).toString());
    m_device->setCurrentText(settings.value(QStringLiteral("train/device"), m_device->currentText()).toString());
}

void ConfigForm::applyPreset(const QString& name)
{
    setConfig(preset_config(name.toStdString()));
}

void ConfigForm::setConfig(const BtsfConfig& c)
{
    m_base = c;
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentText(QString::fromStdString(c.preset));
    m_iters->setValue(c.iters);
    m_batch->setValue(c.batch_size);
    m_lr->setValue(c.lr);
    m_tau->setValue(c.tau);
    m_dropout->setValue(c.dropout);
    m_cropMin->setValue(c.crop_min);
    m_fusion->setCurrentText(QString::fromStdString(c.fusion));
    m_loops->setValue(c.loops);
    m_activation->setCurrentText(QString::fromStdString(c.output_activation));
    m_timestampLoss->setValue(c.timestamp_loss);
    m_seed->setValue(int(c.seed));
}

BtsfConfig ConfigForm::config() const
{
    BtsfConfig c = m_base;
    c.iters = m_iters->value();
    c.batch_size = m_batch->value();
    c.lr = m_lr->value();
    c.tau = m_tau->value();
    c.dropout = m_dropout->value();
    c.crop_min = m_cropMin->value();
    c.fusion = m_fusion->currentText().toStdString();
    c.loops = m_loops->value();
    c.output_activation = m_activation->currentText().toStdString();
    c.timestamp_loss = m_timestampLoss->value();
    c.seed = static_cast<unsigned long long>(m_seed->value());
    return c;
}

QString ConfigForm::probe() const
{
    return m_probe->currentText();
}
QString ConfigForm::device() const
{
    return m_device->currentText();
}
void ConfigForm::setIterations(int iters)
{
    m_iters->setValue(iters);
}

}  // namespace btsf::gui
