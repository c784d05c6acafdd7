using System.Text;

namespace CrewChief.Telemetry;

/// <summary>
/// iRacing writes names and session YAML in Windows-1252. Decoded by hand because the CodePages provider is a
/// package and a trimming hazard; only 0x80–0x9F differ from Latin-1.
/// </summary>
public static class Windows1252
{
    // 0x80–0x9F; the five bytes 1252 leaves undefined map to the C1 control of the same value, as Windows does.
    private static readonly char[] s_c1 =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return "";
        return string.Create(bytes.Length, bytes, static (chars, b) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                byte x = b[i];
                chars[i] = x is >= 0x80 and <= 0x9F ? s_c1[x - 0x80] : (char)x;
            }
        });
    }

    /// <summary>Decodes up to the first NUL (fixed-size C string fields).</summary>
    public static string DecodeNulTerminated(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        return Decode(nul >= 0 ? bytes[..nul] : bytes);
    }

    /// <summary>
    /// Session text: up to the first NUL. A UTF-8 byte-order mark means a tool re-saved the text as UTF-8 (the
    /// shared sample files), so that is honoured instead of the sim's own 1252.
    /// </summary>
    public static string DecodeSessionText(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0) bytes = bytes[..nul];
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return Encoding.UTF8.GetString(bytes[3..]);
        return Decode(bytes);
    }
}
