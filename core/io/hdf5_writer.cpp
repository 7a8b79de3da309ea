#include "io/hdf5_writer.h"

#include "util/build_info.h"

#include <hdf5.h>

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace btsf {
namespace {

// Debian's libhdf5 is built without thread safety, and the workbench reads runs
// on the GUI thread while its worker may be writing one: every entry point
// below takes this lock first.
std::recursive_mutex& hdf5_mutex()
{
    static std::recursive_mutex m;
    return m;
}

void check(herr_t status, const std::string& what)
{
    if (status < 0) throw std::runtime_error("HDF5: " + what);
}

// h5py's boolean: an enum over int8 with FALSE = 0 and TRUE = 1.
hid_t bool_type()
{
    hid_t type = H5Tenum_create(H5T_NATIVE_INT8);
    std::int8_t v = 0;
    H5Tenum_insert(type, "FALSE", &v);
    v = 1;
    H5Tenum_insert(type, "TRUE", &v);
    return type;
}

// Creates the intermediate groups of "a/b/c" (link creation property).
hid_t make_link_props()
{
    hid_t props = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(props, 1);
    return props;
}

void write_dataset(hid_t file, const std::string& name, hid_t type, int rank, const hsize_t* dims, const void* data)
{
    hid_t space = H5Screate_simple(rank, dims, nullptr);
    hid_t props = make_link_props();
    hid_t set = H5Dcreate2(file, name.c_str(), type, space, props, H5P_DEFAULT, H5P_DEFAULT);
    H5Pclose(props);
    if (set < 0) {
        H5Sclose(space);
        throw std::runtime_error("HDF5: cannot create dataset " + name);
    }
    herr_t status = data ? H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) : 0;
    H5Dclose(set);
    H5Sclose(space);
    check(status, "cannot write dataset " + name);
}

}  // namespace

struct Hdf5Writer::Impl {
    std::string path;
    std::string temp;
    hid_t file = -1;
    bool committed = false;
};

Hdf5Writer::Hdf5Writer(const std::string& path) : m_impl(std::make_unique<Impl>())
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    m_impl->path = path;
    m_impl->temp = path + ".tmp" + std::to_string(::getpid());
    const std::filesystem::path p(path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become exceptions, not stderr noise
    m_impl->file = H5Fcreate(m_impl->temp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (m_impl->file < 0) throw std::runtime_error(path + ": cannot create HDF5 file");
    set_attribute("program", "btsf-workbench");
    set_attribute("program_version", program_version());
    set_attribute("program_commit", program_commit());
    set_attribute("format_version", kFileFormatVersion);
}

Hdf5Writer::~Hdf5Writer()
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    if (m_impl->file >= 0) H5Fclose(m_impl->file);
    if (!m_impl->committed) std::remove(m_impl->temp.c_str());
}

void Hdf5Writer::write_matrix(const std::string& name, const Matrix& matrix)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    const hsize_t dims[2] = {matrix.rows, matrix.cols};
    write_dataset(m_impl->file, name, H5T_NATIVE_FLOAT, 2, dims, matrix.data.empty() ? nullptr : matrix.data.data());
}

void Hdf5Writer::write_floats(const std::string& name, const std::vector<float>& values)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    const hsize_t dims[1] = {values.size()};
    write_dataset(m_impl->file, name, H5T_NATIVE_FLOAT, 1, dims, values.empty() ? nullptr : values.data());
}

void Hdf5Writer::write_ints(const std::string& name, const std::vector<int>& values)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    const hsize_t dims[1] = {values.size()};
    write_dataset(m_impl->file, name, H5T_NATIVE_INT, 1, dims, values.empty() ? nullptr : values.data());
}

void Hdf5Writer::write_strings(const std::string& name, const std::vector<std::string>& values)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    // Variable-length UTF-8 strings: h5py reads them as a list of bytes/str.
    hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    std::vector<const char*> pointers;
    for (const auto& v : values) pointers.push_back(v.c_str());
    const hsize_t dims[1] = {values.size()};
    try {
        write_dataset(m_impl->file, name, type, 1, dims, pointers.empty() ? nullptr : pointers.data());
    } catch (...) {
        H5Tclose(type);
        throw;
    }
    H5Tclose(type);
}

void Hdf5Writer::set_attribute(const std::string& name, const std::string& value)
{
    set_attribute_on("/", name, value);
}

void Hdf5Writer::set_attribute_on(const std::string& object, const std::string& name, const std::string& value)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    hid_t target = H5Oopen(m_impl->file, object.c_str(), H5P_DEFAULT);
    if (target < 0) throw std::runtime_error("HDF5: no object " + object + " for attribute " + name);
    // Variable-length UTF-8, which h5py returns as str (fixed-length ones come back as bytes).
    hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attr = H5Acreate2(target, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
    const char* text = value.c_str();
    herr_t status = attr >= 0 ? H5Awrite(attr, type, &text) : -1;
    if (attr >= 0) H5Aclose(attr);
    H5Sclose(space);
    H5Tclose(type);
    H5Oclose(target);
    check(status, "cannot write attribute " + name);
}

void Hdf5Writer::set_attribute_on(const std::string& object, const std::string& name, double value)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    hid_t target = H5Oopen(m_impl->file, object.c_str(), H5P_DEFAULT);
    if (target < 0) throw std::runtime_error("HDF5: no object " + object + " for attribute " + name);
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attr = H5Acreate2(target, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT);
    herr_t status = attr >= 0 ? H5Awrite(attr, H5T_NATIVE_DOUBLE, &value) : -1;
    if (attr >= 0) H5Aclose(attr);
    H5Sclose(space);
    H5Oclose(target);
    check(status, "cannot write attribute " + name);
}

void Hdf5Writer::write_bools(const std::string& name, const std::vector<std::uint8_t>& values)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    const hid_t type = bool_type();
    std::vector<std::int8_t> bytes(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) bytes[i] = values[i] ? 1 : 0;
    const hsize_t dims[1] = {values.size()};
    try {
        write_dataset(m_impl->file, name, type, 1, dims, bytes.empty() ? nullptr : bytes.data());
    } catch (...) {
        H5Tclose(type);
        throw;
    }
    H5Tclose(type);
}

void Hdf5Writer::set_attribute(const std::string& name, long long value)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attr = H5Acreate2(m_impl->file, name.c_str(), H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT);
    herr_t status = attr >= 0 ? H5Awrite(attr, H5T_NATIVE_LLONG, &value) : -1;
    if (attr >= 0) H5Aclose(attr);
    H5Sclose(space);
    check(status, "cannot write attribute " + name);
}

void Hdf5Writer::commit()
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    check(H5Fclose(m_impl->file), "cannot close " + m_impl->temp);
    m_impl->file = -1;
    std::error_code ec;
    std::filesystem::rename(m_impl->temp, m_impl->path, ec);
    if (ec) throw std::runtime_error(m_impl->path + ": cannot replace file: " + ec.message());
    m_impl->committed = true;
}

namespace {
// Opens path/name and returns its dims; caller closes both ids.
std::vector<hsize_t> open_dataset(const std::string& path, const std::string& name, hid_t& file, hid_t& set)
{
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0) throw std::runtime_error(path + ": cannot open HDF5 file");
    set = H5Dopen2(file, name.c_str(), H5P_DEFAULT);
    if (set < 0) {
        H5Fclose(file);
        throw std::runtime_error(path + ": no dataset " + name);
    }
    hid_t space = H5Dget_space(set);
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(size_t(std::max(rank, 0)));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    H5Sclose(space);
    return dims;
}
}  // namespace

namespace {
// H5S_ALL reads every element, so the buffer must match the full extent.
void require_rank(const std::vector<hsize_t>& dims, size_t max_rank, hid_t file, hid_t set, const std::string& what)
{
    if (dims.size() <= max_rank) return;
    H5Dclose(set);
    H5Fclose(file);
    throw std::runtime_error(what + ": has rank " + std::to_string(dims.size()) + ", expected at most " +
                             std::to_string(max_rank));
}
}  // namespace

Matrix read_hdf5_matrix(const std::string& path, const std::string& name)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    hid_t file, set;
    const auto dims = open_dataset(path, name, file, set);
    require_rank(dims, 2, file, set, path + ":" + name);
    Matrix m;
    m.rows = dims.size() > 0 ? dims[0] : 0;
    m.cols = dims.size() > 1 ? dims[1] : 1;
    m.data.resize(m.rows * m.cols);
    herr_t status = m.data.empty() ? 0 : H5Dread(set, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, m.data.data());
    H5Dclose(set);
    H5Fclose(file);
    check(status, "cannot read " + name + " from " + path);
    return m;
}

std::vector<int> read_hdf5_ints(const std::string& path, const std::string& name)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    hid_t file, set;
    const auto dims = open_dataset(path, name, file, set);
    require_rank(dims, 1, file, set, path + ":" + name);
    std::vector<int> values(dims.empty() ? 0 : dims[0]);
    herr_t status = values.empty() ? 0 : H5Dread(set, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    H5Dclose(set);
    H5Fclose(file);
    check(status, "cannot read " + name + " from " + path);
    return values;
}

bool hdf5_is_bool_dataset(const std::string& path, const std::string& name)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    hid_t file, set;
    open_dataset(path, name, file, set);
    const hid_t stored = H5Dget_type(set);
    const hid_t expected = bool_type();
    const bool same = H5Tequal(stored, expected) > 0;
    H5Tclose(expected);
    H5Tclose(stored);
    H5Dclose(set);
    H5Fclose(file);
    return same;
}

std::string read_hdf5_string_attribute(const std::string& path, const std::string& name, const std::string& object)
{
    const std::lock_guard<std::recursive_mutex> lock(hdf5_mutex());
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0) throw std::runtime_error(path + ": cannot open HDF5 file");
    hid_t attr = H5Aopen_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
    if (attr < 0) {
        H5Fclose(file);
        throw std::runtime_error(path + ": no attribute " + name + " on " + object);
    }
    hid_t stored = H5Aget_type(attr);
    const bool is_string = H5Tget_class(stored) == H5T_STRING;
    const bool variable = is_string && H5Tis_variable_str(stored) > 0;
    std::string value;
    herr_t status = -1;
    // Read with its own type: HDF5 has no ASCII <-> UTF-8 conversion.
    if (variable) {
        char* text = nullptr;
        status = H5Aread(attr, stored, &text);
        if (status >= 0 && text) value = text;
        H5free_memory(text);
    } else if (is_string) {
        value.assign(H5Tget_size(stored), '\0');
        status = H5Aread(attr, stored, value.data());
        value.resize(value.find('\0') == std::string::npos ? value.size() : value.find('\0'));
    }
    H5Tclose(stored);
    H5Aclose(attr);
    H5Fclose(file);
    if (!is_string) throw std::runtime_error(path + ": attribute " + name + " is not a string");
    check(status, "cannot read attribute " + name + " from " + path);
    return value;
}

}  // namespace btsf
