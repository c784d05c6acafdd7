using System.Text;

namespace CrewChief.Callouts;

/// <summary>Numbers as an English-speaking engineer says them, both ways: writing words and reading them back.</summary>
internal static class NumberWords
{
    private static readonly string[] s_units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] s_tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>Appends a whole number in words: 105 → "one hundred and five", 42 → "forty-two".</summary>
    public static void AppendCardinal(StringBuilder sb, long n)
    {
        if (n < 0)
        {
            sb.Append("minus ");
            n = -n;
        }
        if (n >= 1_000_000)
        {
            // Nothing a race engineer says is this large; digits read one by one are still unambiguous.
            AppendDigits(sb, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        if (n >= 1000)
        {
            AppendCardinal(sb, n / 1000);
            sb.Append(" thousand");
            n %= 1000;
            if (n == 0) return;
            sb.Append(n < 100 ? " and " : " ");
        }
        if (n >= 100)
        {
            sb.Append(s_units[n / 100]).Append(" hundred");
            n %= 100;
            if (n == 0) return;
            sb.Append(" and ");
        }
        if (n < 20)
        {
            sb.Append(s_units[n]);
            return;
        }
        sb.Append(s_tens[n / 10]);
        if (n % 10 != 0) sb.Append('-').Append(s_units[n % 10]);
    }

    /// <summary>Digits one by one ("12" → "one two"), as decimals are read after "point".</summary>
    public static void AppendDigits(StringBuilder sb, ReadOnlySpan<char> digits)
    {
        for (int i = 0; i < digits.Length; i++)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(s_units[digits[i] - '0']);
        }
    }

    /// <summary>Turns the last cardinal word into its ordinal: "twenty-one" → "twenty-first".</summary>
    public static void MakeLastWordOrdinal(StringBuilder sb)
    {
        string s = sb.ToString();
        int start = s.LastIndexOfAny([' ', '-']) + 1;
        string last = s[start..];
        string ordinal = last switch
        {
            "one" => "first",
            "two" => "second",
            "three" => "third",
            "five" => "fifth",
            "eight" => "eighth",
            "nine" => "ninth",
            "twelve" => "twelfth",
            _ when last.EndsWith('y') => last[..^1] + "ieth",
            _ => last + "th",
        };
        sb.Length = start;
        sb.Append(ordinal);
    }

    /// <summary>The value of a single number word, or -1. "oh" reads as zero inside times ("one oh five").</summary>
    public static int WordValue(ReadOnlySpan<char> word)
    {
        for (int i = 0; i < s_units.Length; i++)
        {
            if (word.Equals(s_units[i], StringComparison.OrdinalIgnoreCase)) return i;
        }
        for (int i = 2; i < s_tens.Length; i++)
        {
            if (word.Equals(s_tens[i], StringComparison.OrdinalIgnoreCase)) return i * 10;
        }
        if (word.Equals("oh", StringComparison.OrdinalIgnoreCase)) return 0;
        if (word.Equals("hundred", StringComparison.OrdinalIgnoreCase)) return 100;
        if (word.Equals("thousand", StringComparison.OrdinalIgnoreCase)) return 1000;
        return -1;
    }
}
