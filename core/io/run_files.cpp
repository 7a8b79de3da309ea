#include "io/run_files.h"

#include "io/staged_run_folder.h"
#include "util/atomic_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace btsf {
namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> list_run_folders(const std::string& root)
{
    std::vector<std::pair<fs::file_time_type, std::string>> found;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return {};
    for (const auto& entry : fs::directory_iterator(root, ec)) {
        const auto metrics = entry.path() / "metrics.json";
        if (entry.is_directory(ec) && fs::exists(metrics, ec) && !is_unfinished_run_folder(entry.path().string()))
            found.emplace_back(fs::last_write_time(metrics, ec), entry.path().string());
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> folders;
    for (auto& f : found) folders.push_back(std::move(f.second));
    return folders;
}

void write_loss_curve(const std::string& path, const std::vector<float>& losses)
{
    std::ostringstream out;
    out << "iteration,loss\n";
    for (std::size_t i = 0; i < losses.size(); ++i) out << i + 1 << ',' << losses[i] << '\n';
    write_text_atomically(path, out.str());
}

std::vector<float> read_loss_curve(const std::string& path)
{
    std::istringstream in(read_text_file(path));
    std::string line;
    std::getline(in, line);  // header
    std::vector<float> losses;
    int line_no = 1;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty()) continue;
        const auto comma = line.find(',');
        try {
            losses.push_back(std::stof(line.substr(comma == std::string::npos ? 0 : comma + 1)));
        } catch (const std::exception&) {
            throw std::runtime_error(path + ":" + std::to_string(line_no) + ": not a number: " + line);
        }
    }
    return losses;
}

void write_geometry(const std::string& path, const GeometryReport& g)
{
    const json j = {{"dropout", g.dropout},       {"alignment_mean", g.alignment_mean},
                    {"uniformity", g.uniformity}, {"alignment", g.alignment},
                    {"angles", g.angles},         {"labels", g.labels}};
    write_text_atomically(path, j.dump() + "\n");
}

GeometryReport read_geometry(const std::string& path)
{
    GeometryReport g;
    try {
        const auto j = json::parse(read_text_file(path));
        g.dropout = j.value("dropout", 0.0);
        g.alignment_mean = j.at("alignment_mean").get<double>();
        g.uniformity = j.at("uniformity").get<double>();
        j.at("alignment").get_to(g.alignment);
        j.at("angles").get_to(g.angles);
        j.at("labels").get_to(g.labels);
    } catch (const json::exception& e) {
        throw std::runtime_error(path + ": not a geometry file (" + e.what() + ")");
    }
    return g;
}

void write_tsne(const std::string& path, const std::vector<float>& points, const std::vector<int>& labels)
{
    if (points.size() != 2 * labels.size())
        throw std::invalid_argument("write_tsne: points and labels differ in length");
    std::ostringstream out;
    out << "index,x,y,label\n";
    for (std::size_t i = 0; i < labels.size(); ++i)
        out << i << ',' << points[2 * i] << ',' << points[2 * i + 1] << ',' << labels[i] << '\n';
    write_text_atomically(path, out.str());
}

std::vector<float> read_tsne(const std::string& path)
{
    std::istringstream in(read_text_file(path));
    std::string line;
    std::getline(in, line);
    std::vector<float> points;
    int line_no = 1;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty()) continue;
        std::istringstream fields(line);
        std::string index, x, y;
        if (!std::getline(fields, index, ',') || !std::getline(fields, x, ',') || !std::getline(fields, y, ','))
            throw std::runtime_error(path + ":" + std::to_string(line_no) + ": expected index,x,y,label");
        try {
            points.push_back(std::stof(x));
            points.push_back(std::stof(y));
        } catch (const std::exception&) {
            throw std::runtime_error(path + ":" + std::to_string(line_no) + ": not a number");
        }
    }
    return points;
}

void write_representations_csv(const std::string& path, const Matrix& train, const std::vector<int>& train_labels,
                               const Matrix& test, const std::vector<int>& test_labels)
{
    write_atomically(path, [&](const std::string& temp) {
        std::ofstream out(temp);
        out << "index,split,label";
        for (std::size_t j = 0; j < train.cols; ++j) out << ",r" << j;
        out << '\n';
        const auto rows = [&out](const Matrix& m, const std::vector<int>& labels, const char* split) {
            for (std::size_t i = 0; i < m.rows; ++i) {
                out << i << ',' << split << ',' << (i < labels.size() ? labels[i] : -1);
                for (std::size_t j = 0; j < m.cols; ++j) out << ',' << m.at(i, j);
                out << '\n';
            }
        };
        rows(train, train_labels, "train");
        rows(test, test_labels, "test");
        if (!out) throw std::runtime_error(path + ": write failed");
    });
}

}  // namespace btsf
