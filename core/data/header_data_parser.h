#pragma once
// The driver shared by the .ts and .arff readers. Both formats are a header, an @data
// line, then one series per line, with blank and comment lines allowed anywhere; only
// the comment character and what a header or data line means differ. Internal to
// core/data, like parse_util.h.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "data/load_error.h"
#include "data/parse_util.h"
#include "data/raw_series_file.h"

namespace btsf::parse {

// CRTP base: Derived provides header_line(t) and data_line(t), each given one trimmed
// line that is neither blank nor a comment, and calls begin_data_section() once its
// header has accepted @data. A private header_line/data_line needs
// `friend class parse::HeaderDataParser<Derived>;` in Derived.
template <class Derived>
class HeaderDataParser {
public:
    RawSeriesFile run()
    {
        std::string line;
        bool saw_content = false;
        while (m_reader.next(line)) {
            const std::string_view t = trim(line);
            if (t.empty() || t.front() == m_comment) continue;
            saw_content = true;
            if (!m_in_data)
                derived().header_line(t);
            else
                derived().data_line(t);
        }
        if (!saw_content) throw DataError(m_reader.path(), 0, "empty file");
        if (!m_in_data) throw DataError(m_reader.path(), 0, "no @data line: the header is incomplete");
        if (m_out.series.empty()) throw DataError(m_reader.path(), m_data_line, "no series after @data");
        return std::move(m_out);
    }

protected:
    HeaderDataParser(const std::string& path, char comment) : m_reader(path), m_comment(comment) { m_out.path = path; }

    [[noreturn]] void fail(const std::string& what) const
    {
        throw DataError(m_reader.path(), m_reader.line_number(), what);
    }

    // The following lines go to data_line(); the current line is remembered so that a
    // file without series is reported at its @data line.
    void begin_data_section()
    {
        m_in_data = true;
        m_data_line = m_reader.line_number();
    }

    std::size_t line_number() const { return m_reader.line_number(); }

    RawSeriesFile m_out;

private:
    Derived& derived() { return static_cast<Derived&>(*this); }

    LineReader m_reader;
    char m_comment;
    bool m_in_data = false;
    std::size_t m_data_line = 0;
};

}  // namespace btsf::parse
