#pragma once
// Core types that cross the training thread's boundary in queued signals.
// Every header whose signals or slots use one includes this first, so the
// declarations precede any use that moc generates.
#include "io/classification_record.h"
#include "tasks/comparison_grid.h"
#include "train/train_types.h"

#include <QMetaType>

#include <memory>

Q_DECLARE_METATYPE(btsf::TrainProgress)
Q_DECLARE_METATYPE(btsf::GridCell)
Q_DECLARE_METATYPE(std::shared_ptr<const btsf::ClassificationRecord>)
