#include "data/arff_reader.h"

#include <cctype>
#include <cmath>

#include "data/header_data_parser.h"
#include "data/parse_util.h"

namespace btsf {

namespace {

enum class AttrKind { Numeric, Nominal, Relational, Other };

struct Attribute {
    std::string name;
    AttrKind kind = AttrKind::Other;
    std::vector<std::string> nominal_values;
};

std::string_view unquote(std::string_view s)
{
    s = parse::trim(s);
    if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front())
        return s.substr(1, s.size() - 2);
    return s;
}

class ArffParser : public parse::HeaderDataParser<ArffParser> {
public:
    explicit ArffParser(const std::string& path) : HeaderDataParser(path, '%') {}

private:
    friend class parse::HeaderDataParser<ArffParser>;  // run() calls header_line() and data_line()

    void header_line(std::string_view t)
    {
        if (parse::starts_with_ci(t, "@relation")) {
            m_out.problem_name = std::string(unquote(t.substr(9)));
        } else if (parse::starts_with_ci(t, "@attribute")) {
            attribute_line(parse::trim(t.substr(10)));
        } else if (parse::starts_with_ci(t, "@end")) {
            if (!m_in_relational) fail("@end without an open relational attribute");
            m_in_relational = false;
        } else if (parse::starts_with_ci(t, "@data")) {
            begin_data();
        } else {
            fail("expected @relation, @attribute or @data, found " + parse::quote(t));
        }
    }

    void attribute_line(std::string_view rest)
    {
        // The name may be quoted and hold blanks; the type is whatever follows it.
        std::size_t name_end = 0;
        if (!rest.empty() && (rest.front() == '\'' || rest.front() == '"')) {
            name_end = rest.find(rest.front(), 1);
            if (name_end == std::string_view::npos) fail("unterminated quote in attribute name");
            ++name_end;
        } else {
            while (name_end < rest.size() && !std::isspace(static_cast<unsigned char>(rest[name_end]))) ++name_end;
        }
        Attribute attr;
        attr.name = std::string(unquote(rest.substr(0, name_end)));
        const std::string_view type = parse::trim(rest.substr(name_end));
        if (attr.name.empty() || type.empty()) fail("expected '@attribute NAME TYPE'");

        const bool numeric =
            parse::iequals(type, "numeric") || parse::iequals(type, "real") || parse::iequals(type, "integer");
        if (m_in_relational) {
            if (!numeric) fail("only numeric attributes are supported inside a relational attribute");
            ++m_relational_length;
            return;
        }
        if (numeric) {
            attr.kind = AttrKind::Numeric;
        } else if (parse::iequals(type, "relational")) {
            attr.kind = AttrKind::Relational;
            m_in_relational = true;
        } else if (type.front() == '{') {
            if (type.back() != '}') fail("unterminated nominal value list");
            attr.kind = AttrKind::Nominal;
            for (std::string_view v : parse::split(type.substr(1, type.size() - 2), ','))
                attr.nominal_values.emplace_back(unquote(v));
        }
        m_attributes.push_back(std::move(attr));
    }

    void begin_data()
    {
        if (m_in_relational) fail("@data inside an open relational attribute (missing @end)");
        if (m_attributes.size() < 2) fail("expected at least one series attribute and a class attribute before @data");
        const Attribute& cls = m_attributes.back();
        if (cls.kind == AttrKind::Nominal)
            m_out.declared_classes = cls.nominal_values;
        else if (cls.kind == AttrKind::Relational)
            fail("the last attribute must be the class, not a relational attribute");

        std::size_t numeric = 0;
        std::size_t relational = 0;
        for (std::size_t i = 0; i + 1 < m_attributes.size(); ++i) {
            numeric += m_attributes[i].kind == AttrKind::Numeric;
            relational += m_attributes[i].kind == AttrKind::Relational;
            if (m_attributes[i].kind == AttrKind::Nominal || m_attributes[i].kind == AttrKind::Other)
                fail("attribute " + parse::quote(m_attributes[i].name) + " is neither numeric nor relational");
        }
        if (relational > 1 || (relational == 1 && numeric > 0))
            fail("expected either numeric attributes or one relational attribute, not both");
        m_multivariate = relational == 1;
        if (m_multivariate && m_relational_length == 0) fail("the relational attribute holds no numeric attributes");
        m_length = m_multivariate ? m_relational_length : numeric;
        m_out.channels = m_multivariate ? 0 : 1;  // multivariate: learnt from the first row
        begin_data_section();
    }

    void data_line(std::string_view t)
    {
        if (t.front() == '{') fail("sparse ARFF rows are not supported");
        if (t.front() == '@') fail("header line " + parse::quote(t) + " after @data");
        if (m_multivariate)
            multivariate_row(t);
        else
            univariate_row(t);
    }

    void univariate_row(std::string_view t)
    {
        std::vector<std::string_view> fields = parse::split(t, ',');
        if (fields.size() != m_length + 1)
            fail("expected " + std::to_string(m_length) + " values and a label, found " +
                 std::to_string(fields.size()) + " fields");
        const std::string_view label = unquote(fields.back());
        fields.pop_back();
        add_series({parse_values(fields, 0)}, label);
    }

    void multivariate_row(std::string_view t)
    {
        const char q = t.front();
        if (q != '\'' && q != '"') fail("expected a quoted relational value ('ch0...\\nch1...',label)");
        const std::size_t close = t.find(q, 1);
        if (close == std::string_view::npos) fail("unterminated quote");
        const std::string_view body = t.substr(1, close - 1);
        const std::string_view rest = parse::trim(t.substr(close + 1));
        if (rest.empty() || rest.front() != ',') fail("expected ',label' after the quoted series");
        const std::string_view label = unquote(rest.substr(1));

        // Channels are separated by the two characters '\' 'n' (an escaped newline).
        std::vector<std::string_view> channels;
        std::size_t start = 0;
        for (std::size_t pos; (pos = body.find("\\n", start)) != std::string_view::npos; start = pos + 2)
            channels.push_back(body.substr(start, pos - start));
        channels.push_back(body.substr(start));

        if (m_out.channels == 0) m_out.channels = channels.size();
        if (channels.size() != m_out.channels)
            fail("expected " + std::to_string(m_out.channels) + " channel(s), found " +
                 std::to_string(channels.size()));
        std::vector<std::vector<float>> series;
        for (std::size_t c = 0; c < channels.size(); ++c) {
            const std::vector<std::string_view> tokens = parse::split(channels[c], ',');
            if (tokens.size() != m_length)
                fail("channel " + std::to_string(c) + " has " + std::to_string(tokens.size()) +
                     " values, the header declares " + std::to_string(m_length));
            series.push_back(parse_values(tokens, c));
        }
        add_series(std::move(series), label);
    }

    std::vector<float> parse_values(const std::vector<std::string_view>& tokens, std::size_t c)
    {
        std::vector<float> values(tokens.size());
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (parse::parse_value(tokens[i], values[i]) == parse::ValueKind::Invalid)
                fail("non-numeric value " + parse::quote(parse::trim(tokens[i])) + " in channel " + std::to_string(c) +
                     " at position " + std::to_string(i));
        }
        while (!values.empty() && std::isnan(values.back())) values.pop_back();  // the archive's length padding
        if (values.empty()) fail("channel " + std::to_string(c) + " has no values");
        for (float v : values) m_out.has_missing = m_out.has_missing || std::isnan(v);
        return values;
    }

    void add_series(std::vector<std::vector<float>> series, std::string_view label)
    {
        if (label.empty() || label == "?") fail("missing class label");
        m_out.series.push_back(std::move(series));
        m_out.labels.emplace_back(label);
        m_out.lines.push_back(line_number());
    }

    std::vector<Attribute> m_attributes;  // top level only
    bool m_in_relational = false;
    std::size_t m_relational_length = 0;
    bool m_multivariate = false;
    std::size_t m_length = 0;  // values per channel declared by the header
};

}  // namespace

RawSeriesFile read_arff(const std::string& path)
{
    return ArffParser(path).run();
}

}  // namespace btsf
