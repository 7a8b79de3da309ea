#pragma once
// Minimal HDF5 output for representations, predictions and scores. The HDF5
// C++ API is not thread-safe; all callers go through core, one at a time.
#include "util/matrix.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace btsf {

// Writes to a temp file; commit() renames it over `path`. Destroying an
// uncommitted writer removes the temp file, so a failure never leaves a
// half-written file where a good one was.
class Hdf5Writer {
public:
    explicit Hdf5Writer(const std::string& path);
    ~Hdf5Writer();
    Hdf5Writer(const Hdf5Writer&) = delete;
    Hdf5Writer& operator=(const Hdf5Writer&) = delete;

    // Names may contain '/', groups are created as needed ("train/labels").
    void write_matrix(const std::string& name, const Matrix& matrix);
    void write_floats(const std::string& name, const std::vector<float>& values);
    void write_ints(const std::string& name, const std::vector<int>& values);
    void write_strings(const std::string& name, const std::vector<std::string>& values);
    // Flags as h5py's booleans (an int8 enum FALSE = 0, TRUE = 1): numpy reads a bool array.
    void write_bools(const std::string& name, const std::vector<std::uint8_t>& values);
    // An attribute on a dataset or group already written ("h24/origins"), so a
    // reader with h5py learns what it holds without the source ("description",
    // "units", "threshold").
    void set_attribute_on(const std::string& object, const std::string& name, const std::string& value);
    void set_attribute_on(const std::string& object, const std::string& name, double value);
    // On the root group. Every file also gets program, program_version,
    // program_commit and format_version (see util/build_info.h) when created.
    void set_attribute(const std::string& name, const std::string& value);
    void set_attribute(const std::string& name, long long value);
    void commit();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Reading back (tests, the workbench's run list).
Matrix read_hdf5_matrix(const std::string& path, const std::string& name);
std::vector<int> read_hdf5_ints(const std::string& path, const std::string& name);
// Whether the dataset is stored as h5py's boolean (write_bools); read_hdf5_ints
// reads such a dataset as 0 and 1.
bool hdf5_is_bool_dataset(const std::string& path, const std::string& name);
// A string attribute of `object` (the root group by default); throws when it is
// missing or not a string.
std::string read_hdf5_string_attribute(const std::string& path, const std::string& name,
                                       const std::string& object = "/");

}  // namespace btsf
