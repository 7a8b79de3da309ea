#include "tasks/geometry_analysis.h"

#include "numerics/representation_geometry.h"
#include "train/trainer.h"

#include <numeric>

namespace btsf {

GeometryReport analyse_geometry(const Trainer& trainer, const SeriesSet& test, const Matrix& test_representations,
                                unsigned long long seed)
{
    GeometryReport report;
    report.dropout = trainer.config().dropout > 0 ? trainer.config().dropout : 0.1;
    const auto views = trainer.encode_dropout_views(test, report.dropout, seed);
    report.alignment = alignment_distances(views.first, views.second);
    if (!report.alignment.empty())
        report.alignment_mean =
            std::accumulate(report.alignment.begin(), report.alignment.end(), 0.0) / double(report.alignment.size());
    report.uniformity = uniformity(test_representations);
    report.angles = feature_angles(test_representations);
    report.labels = test.labels;
    return report;
}

}  // namespace btsf
