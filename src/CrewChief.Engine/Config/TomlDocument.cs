using System.Globalization;
using System.Text;

namespace CrewChief.Config;

/// <summary>
/// A parser for the TOML subset crewchief.toml uses: [table] and [table.sub] headers, bare or quoted keys,
/// basic and literal strings, integers, floats, booleans, arrays (multi-line allowed) and comments. No TOML
/// package is reachable here, and the subset keeps start-up cheap. Errors carry file, line and column.
/// </summary>
public sealed class TomlDocument
{
    private readonly Dictionary<string, TomlValue> _values = new(StringComparer.Ordinal);

    /// <summary>Every key as "table.key" (or "key" at the top) in file order.</summary>
    public IReadOnlyList<string> Keys => _keys;
    private readonly List<string> _keys = [];

    public bool TryGet(string dottedKey, out TomlValue value) => _values.TryGetValue(dottedKey, out value!);

    public static TomlDocument Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputException.ForFile(path, $"cannot read the config file ({e.Message}).");
        }
        return Parse(text, path);
    }

    public static TomlDocument Parse(string text, string fileName = "crewchief.toml") => new Parser(text, fileName).Run();

    private void Add(string key, TomlValue value, Parser p)
    {
        if (!_values.TryAdd(key, value))
            throw p.Error(value.Line, value.Column, $"key '{key}' is defined twice");
        _keys.Add(key);
    }

    private sealed class Parser(string text, string fileName)
    {
        private readonly string _text = text;
        private readonly string _file = fileName;
        private int _pos;
        private int _line = 1;
        private int _lineStart;
        private readonly TomlDocument _doc = new();

        private int Column => _pos - _lineStart + 1;

        public InputException Error(int line, int column, string what) =>
            new($"{_file}:{line}:{column}: {what}. Fix the file or delete it to use the defaults.");

        private InputException Error(string what) => Error(_line, Column, what);

        public TomlDocument Run()
        {
            string table = "";
            while (true)
            {
                SkipWhitespaceAndComments(newlines: true);
                if (_pos >= _text.Length) return _doc;
                char c = _text[_pos];
                if (c == '[')
                {
                    _pos++;
                    if (Peek() == '[') throw Error("arrays of tables ([[...]]) are not supported here");
                    SkipSpaces();
                    table = ParseKeyPath();
                    SkipSpaces();
                    Expect(']');
                    EndOfLine();
                }
                else
                {
                    int line = _line, col = Column;
                    string key = ParseKeyPath();
                    SkipSpaces();
                    if (Peek() != '=') throw Error($"expected '=' after key '{key}'");
                    _pos++;
                    SkipSpaces();
                    var value = ParseValue();
                    _doc.Add(table.Length == 0 ? key : table + "." + key, value, this);
                    _ = line; _ = col;
                    EndOfLine();
                }
            }
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c) throw Error(_pos >= _text.Length ? $"expected '{c}' before the end of the file" : $"expected '{c}' but found {Shown(Peek())}");
            _pos++;
        }

        private void SkipSpaces()
        {
            while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t')) _pos++;
        }

        private void NewLine()
        {
            _pos++;
            _line++;
            _lineStart = _pos;
        }

        private void SkipWhitespaceAndComments(bool newlines)
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF') _pos++;
                else if (c == '#') { while (_pos < _text.Length && _text[_pos] != '\n') _pos++; }
                else if (c == '\n' && newlines) NewLine();
                else return;
            }
        }

        private void EndOfLine()
        {
            SkipSpaces();
            if (Peek() == '#') while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
            if (Peek() == '\r') _pos++;
            if (_pos >= _text.Length) return;
            if (Peek() != '\n') throw Error($"unexpected '{Peek()}' after the value (one key = value per line)");
            NewLine();
        }

        private string ParseKeyPath()
        {
            var sb = new StringBuilder();
            while (true)
            {
                SkipSpaces();
                sb.Append(ParseKey());
                SkipSpaces();
                if (Peek() != '.') return sb.ToString();
                _pos++;
                sb.Append('.');
            }
        }

        private string ParseKey()
        {
            char c = Peek();
            if (c == '"' || c == '\'') return ParseString().String!;
            int start = _pos;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_' || _text[_pos] == '-')) _pos++;
            if (_pos == start) throw Error(c == '\0' ? "expected a key before the end of the file" : $"expected a key but found {Shown(c)}");
            return _text[start.._pos];
        }

        private TomlValue ParseValue()
        {
            int line = _line, col = Column;
            char c = Peek();
            switch (c)
            {
                case '"':
                case '\'':
                    return ParseString();
                case '[':
                    return ParseArray();
                case 't' when Match("true"):
                    return TomlValue.FromBoolean(true, line, col);
                case 'f' when Match("false"):
                    return TomlValue.FromBoolean(false, line, col);
                case '{':
                    throw Error("inline tables are not supported here; use a [table] header");
                case '\0':
                case '\n':
                case '\r':
                    throw Error("expected a value after '='");
            }
            return ParseNumber(line, col);
        }

        private bool Match(string word)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
            int end = _pos + word.Length;
            if (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_')) return false;
            _pos = end;
            return true;
        }

        private TomlValue ParseNumber(int line, int col)
        {
            int start = _pos;
            while (_pos < _text.Length && "+-0123456789._eE".Contains(_text[_pos])) _pos++;
            string raw = _text[start.._pos].Replace("_", "", StringComparison.Ordinal);
            if (raw.Length == 0)
            {
                // A bare word: the commonest mistake is a string without quotes.
                int wordEnd = _pos;
                while (wordEnd < _text.Length && !char.IsWhiteSpace(_text[wordEnd]) && _text[wordEnd] != '#') wordEnd++;
                throw Error(line, col, $"'{_text[_pos..wordEnd]}' is not a value; put text in quotes (\"...\")");
            }
            if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long i))
                return TomlValue.FromInteger(i, line, col);
            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                return TomlValue.FromFloat(d, line, col);
            throw Error(line, col, $"'{raw}' is not a number");
        }

        private TomlValue ParseString()
        {
            int line = _line, col = Column;
            char quote = _text[_pos++];
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length || _text[_pos] == '\n')
                    throw Error(line, col, "string is not closed on the same line");
                char c = _text[_pos++];
                if (c == quote) return TomlValue.FromString(sb.ToString(), line, col);
                if (c == '\\' && quote == '"')
                {
                    if (_pos >= _text.Length) throw Error("string is not closed");
                    char e = _text[_pos++];
                    switch (e)
                    {
                        case 'n': sb.Append('\n'); break;
                        case 't': sb.Append('\t'); break;
                        case 'r': sb.Append('\r'); break;
                        case '"': sb.Append('"'); break;
                        case '\\': sb.Append('\\'); break;
                        case 'u':
                            if (_pos + 4 > _text.Length || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int cp))
                                throw Error("bad \\u escape (needs 4 hex digits)");
                            sb.Append((char)cp);
                            _pos += 4;
                            break;
                        default:
                            // Windows paths are the usual cause: say so.
                            throw Error(_line, Column - 2, $"unknown escape '\\{e}' (for Windows paths use single quotes or '/' or '\\\\')");
                    }
                }
                else
                {
                    sb.Append(c);
                }
            }
        }

        private TomlValue ParseArray()
        {
            int line = _line, col = Column;
            _pos++;
            var items = new List<TomlValue>();
            while (true)
            {
                SkipWhitespaceAndComments(newlines: true);
                if (Peek() == ']') { _pos++; return TomlValue.FromArray(items, line, col); }
                if (_pos >= _text.Length) throw Error(line, col, "array is not closed with ']'");
                items.Add(ParseValue());
                SkipWhitespaceAndComments(newlines: true);
                if (Peek() == ',') { _pos++; continue; }
                if (Peek() == ']') { _pos++; return TomlValue.FromArray(items, line, col); }
                if (_pos >= _text.Length) throw Error(line, col, "array is not closed with ']'");
                throw Error($"expected ',' or ']' in the array but found {Shown(Peek())}");
            }
        }
    }

    /// <summary>A character as a message shows it: a line end or control character by name, never raw.</summary>
    private static string Shown(char c) => c switch
    {
        '\n' or '\r' => "the end of the line",
        '\t' => "a tab",
        _ when char.IsControl(c) => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
