#pragma once
// The small files every run folder may hold, whatever its task (the loss
// curve, the geometry analysis, the t-SNE points, a CSV export), and the
// listing of the run folders under a root. Each file is written atomically.
#include "numerics/geometry_report.h"
#include "util/matrix.h"

#include <string>
#include <vector>

namespace btsf {

// Sub-folders of root that hold a metrics.json, newest first.
std::vector<std::string> list_run_folders(const std::string& root);

void write_loss_curve(const std::string& path, const std::vector<float>& losses);  // iteration,loss
std::vector<float> read_loss_curve(const std::string& path);
void write_geometry(const std::string& path, const GeometryReport& report);  // geometry.json
GeometryReport read_geometry(const std::string& path);
void write_tsne(const std::string& path, const std::vector<float>& points, const std::vector<int>& labels);  // tsne.csv
std::vector<float> read_tsne(const std::string& path);

// index,split,label,r0,...: one row per series, train rows first.
void write_representations_csv(const std::string& path, const Matrix& train, const std::vector<int>& train_labels,
                               const Matrix& test, const std::vector<int>& test_labels);

}  // namespace btsf
