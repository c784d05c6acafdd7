namespace CrewChief.Config;

/// <summary>A value from the TOML subset crewchief.toml uses: string, integer, float, boolean or array.</summary>
public sealed class TomlValue
{
    public TomlKind Kind { get; }
    public string? String { get; }
    public long Integer { get; }
    public double Float { get; }
    public bool Boolean { get; }
    public IReadOnlyList<TomlValue>? Array { get; }
    /// <summary>1-based line and column where the value starts, for error messages.</summary>
    public int Line { get; }
    public int Column { get; }

    private TomlValue(TomlKind kind, int line, int column, string? s = null, long i = 0, double f = 0, bool b = false, IReadOnlyList<TomlValue>? a = null)
    {
        Kind = kind; Line = line; Column = column; String = s; Integer = i; Float = f; Boolean = b; Array = a;
    }

    public static TomlValue FromString(string s, int line, int col) => new(TomlKind.String, line, col, s: s);
    public static TomlValue FromInteger(long i, int line, int col) => new(TomlKind.Integer, line, col, i: i, f: i);
    public static TomlValue FromFloat(double f, int line, int col) => new(TomlKind.Float, line, col, f: f);
    public static TomlValue FromBoolean(bool b, int line, int col) => new(TomlKind.Boolean, line, col, b: b);
    public static TomlValue FromArray(IReadOnlyList<TomlValue> a, int line, int col) => new(TomlKind.Array, line, col, a: a);

    public override string ToString() => Kind switch
    {
        TomlKind.String => $"\"{String}\"",
        TomlKind.Integer => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TomlKind.Float => Float.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TomlKind.Boolean => Boolean ? "true" : "false",
        _ => "[" + string.Join(", ", Array!) + "]",
    };
}

public enum TomlKind { String, Integer, Float, Boolean, Array }
