using System.Globalization;

namespace CrewChief.App.Commands;

/// <summary>
/// The words after the verb: positionals and "--name value" / "--flag" options. Every option a command reads is
/// marked used; <see cref="ThrowOnUnknown"/> then rejects anything the command does not understand.
/// </summary>
internal sealed class CommandArgs
{
    private readonly List<string> _positionals = [];
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CommandArgs(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                int eq = a.IndexOf('=');
                if (eq > 0)
                {
                    _options[a[..eq]] = a[(eq + 1)..];
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    // Value or positional? Decided when the command asks: a flag asked as a flag gives its
                    // "value" back to the positionals.
                    _options[a] = args[++i];
                }
                else
                {
                    _options[a] = null;
                }
            }
            else
            {
                _positionals.Add(a);
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public string? Positional(int index) => index < _positionals.Count ? _positionals[index] : null;

    public string RequiredPositional(int index, string what) =>
        Positional(index) ?? throw new InputException($"missing {what}. Try 'crewchief --help'.");

    /// <summary>A boolean flag such as --fast. A word that followed it is returned to the positionals.</summary>
    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out string? v)) return false;
        if (v is not null)
        {
            _positionals.Add(v);
            _options[name] = null;
        }
        return true;
    }

    public string? String(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out string? v)) return null;
        return v ?? throw new InputException($"{name} needs a value.");
    }

    public double? Number(string name)
    {
        string? s = String(name);
        if (s is null) return null;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            throw new InputException($"{name} expects a number, got '{s}'.");
        return d;
    }

    public int? Integer(string name)
    {
        string? s = String(name);
        if (s is null) return null;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
            throw new InputException($"{name} expects a whole number, got '{s}'.");
        return n;
    }

    /// <summary>Call after reading every option: any option the command did not ask for is a mistake.</summary>
    public void ThrowOnUnknown()
    {
        foreach (var key in _options.Keys)
        {
            if (!_used.Contains(key))
                throw new InputException($"unknown option '{key}'. Try 'crewchief --help'.");
        }
    }
}
