#include "data/ts_reader.h"

#include <sstream>

#include "data/header_data_parser.h"
#include "data/parse_util.h"

namespace btsf {

namespace {

// What the header declared; "set" flags tell a declared false from an absent line.
struct TsHeader {
    bool univariate_set = false;
    bool univariate = false;
    std::size_t dimensions = 0;  // 0 = not declared
    bool equal_length = false;
    std::size_t series_length = 0;  // 0 = not declared
    bool class_label_set = false;
    bool class_label = false;
};

class TsParser : public parse::HeaderDataParser<TsParser> {
public:
    explicit TsParser(const std::string& path) : HeaderDataParser(path, '#') {}

private:
    friend class parse::HeaderDataParser<TsParser>;  // run() calls header_line() and data_line()

    bool parse_bool(const std::vector<std::string>& tok, const std::string& key) const
    {
        if (tok.size() >= 2 && parse::iequals(tok[1], "true")) return true;
        if (tok.size() >= 2 && parse::iequals(tok[1], "false")) return false;
        fail("expected true or false after " + key);
    }

    std::size_t parse_count(const std::vector<std::string>& tok, const std::string& key) const
    {
        std::size_t v = 0;
        if (tok.size() != 2 || !parse::parse_whole(tok[1], v) || v < 1)
            fail("expected a positive whole number after " + key);
        return v;
    }

    void header_line(std::string_view t)
    {
        if (t.front() != '@') fail("expected a header line starting with '@' before @data, found " + parse::quote(t));
        std::vector<std::string> tok;
        std::istringstream ss{std::string(t)};
        for (std::string w; ss >> w;) tok.push_back(w);
        const std::string key = parse::to_lower(tok[0]);
        if (key == "@problemname") {
            m_out.problem_name = std::string(parse::trim(t.substr(tok[0].size())));
        } else if (key == "@timestamps") {
            if (parse_bool(tok, tok[0])) fail("timestamped .ts files are not supported");
        } else if (key == "@missing") {
            parse_bool(tok, tok[0]);  // informational: '?' and NaN are accepted either way
        } else if (key == "@univariate") {
            m_header.univariate_set = true;
            m_header.univariate = parse_bool(tok, tok[0]);
        } else if (key == "@dimensions" || key == "@dimension") {
            m_header.dimensions = parse_count(tok, tok[0]);
        } else if (key == "@equallength") {
            m_header.equal_length = parse_bool(tok, tok[0]);
        } else if (key == "@serieslength") {
            m_header.series_length = parse_count(tok, tok[0]);
        } else if (key == "@classlabel") {
            m_header.class_label_set = true;
            m_header.class_label = parse_bool(tok, tok[0]);
            if (m_header.class_label)
                m_out.declared_classes.assign(tok.begin() + 2, tok.end());
            else if (tok.size() > 2)
                fail("@classLabel false must not list classes");
        } else if (key == "@targetlabel") {
            fail("regression files (@targetLabel) are not supported; a classification file needs @classLabel");
        } else if (key == "@data") {
            begin_data();
        } else {
            fail("unknown header line " + parse::quote(tok[0]));
        }
    }

    void begin_data()
    {
        if (!m_header.class_label_set) fail("@data reached without a @classLabel line");
        if (!m_header.class_label) fail("the file has no class labels (@classLabel false)");
        if (m_header.univariate_set && m_header.univariate && m_header.dimensions > 1)
            fail("@univariate true contradicts @dimensions " + std::to_string(m_header.dimensions));
        if (m_header.dimensions > 0)
            m_out.channels = m_header.dimensions;
        else if (m_header.univariate_set && m_header.univariate)
            m_out.channels = 1;
        // else: learnt from the first series
        begin_data_section();
    }

    void data_line(std::string_view t)
    {
        if (t.front() == '@') fail("header line " + parse::quote(t) + " after @data");
        std::vector<std::string_view> fields = parse::split(t, ':');
        // begin_data() guarantees a label: it is the last field.
        const std::string_view label = parse::trim(fields.back());
        fields.pop_back();
        if (fields.empty()) fail("expected channel values followed by ':label'");
        if (label.empty()) fail("missing class label");
        if (m_out.channels == 0) m_out.channels = fields.size();
        if (fields.size() != m_out.channels)
            fail("expected " + std::to_string(m_out.channels) + " channel(s), found " + std::to_string(fields.size()));

        std::vector<std::vector<float>> series(fields.size());
        for (std::size_t c = 0; c < fields.size(); ++c) series[c] = parse_channel(fields[c], c);
        m_out.series.push_back(std::move(series));
        m_out.labels.emplace_back(label);
        m_out.lines.push_back(line_number());
    }

    std::vector<float> parse_channel(std::string_view field, std::size_t c)
    {
        std::vector<std::string_view> tokens = parse::split(field, ',');
        // Tolerate one trailing comma, which some exporters write.
        if (tokens.size() > 1 && parse::trim(tokens.back()).empty()) tokens.pop_back();
        std::vector<float> values(tokens.size());
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const parse::ValueKind kind = parse::parse_value(tokens[i], values[i]);
            if (kind == parse::ValueKind::Invalid) {
                if (parse::trim(tokens[i]).empty() && tokens.size() == 1)
                    fail("channel " + std::to_string(c) + " has no values");
                fail("non-numeric value " + parse::quote(parse::trim(tokens[i])) + " in channel " + std::to_string(c) +
                     " at position " + std::to_string(i));
            }
            if (kind == parse::ValueKind::Missing) m_out.has_missing = true;
        }
        check_length(values.size(), c);
        return values;
    }

    void check_length(std::size_t len, std::size_t c)
    {
        if (!m_header.equal_length) return;
        if (m_header.series_length > 0 && len != m_header.series_length)
            fail("channel " + std::to_string(c) + " has " + std::to_string(len) + " values but @seriesLength is " +
                 std::to_string(m_header.series_length));
        if (m_equal_len == 0)
            m_equal_len = len;
        else if (len != m_equal_len)
            fail("channel " + std::to_string(c) + " has " + std::to_string(len) +
                 " values but @equalLength true and earlier series have " + std::to_string(m_equal_len));
    }

    TsHeader m_header;
    std::size_t m_equal_len = 0;  // first length seen when @equalLength true
};

}  // namespace

RawSeriesFile read_ts(const std::string& path)
{
    return TsParser(path).run();
}

}  // namespace btsf
