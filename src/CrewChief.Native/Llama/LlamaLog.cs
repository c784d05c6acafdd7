using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace CrewChief.Native.Llama;

/// <summary>
/// Receives llama.cpp/ggml log lines. llama.cpp prints a page of INFO per model load to stderr, which would bury
/// the CLI's own output, and it reports why a load failed only through the log: so INFO is dropped, and the last
/// warning/error line is kept to turn a bare null return into a one-line reason.
/// Set CREWCHIEF_LLAMA_LOG=1 to echo everything to stderr.
/// </summary>
internal static unsafe class LlamaLog
{
    private const int LevelWarn = 3;
    private const int LevelError = 4;
    private const int LevelContinue = 5;

    private static readonly Lock s_lock = new();

    /// <summary>
    /// The first error line since <see cref="Clear"/>: llama.cpp logs the cause first ("error loading model: ...")
    /// and then generic "failed to load" lines, so the first one is the one worth showing.
    /// </summary>
    private static string? s_firstError;

    /// <summary>The last warning since <see cref="Clear"/>, shown when there was no error.</summary>
    private static string? s_lastWarning;

    /// <summary>The level of the previous line, so a CONT line extends the right message.</summary>
    private static int s_previousLevel;

    private static readonly bool s_echo = Environment.GetEnvironmentVariable("CREWCHIEF_LLAMA_LOG") == "1";

    public static delegate* unmanaged[Cdecl]<int, byte*, void*, void> Callback => &OnLog;

    public static string? LastProblem
    {
        get { lock (s_lock) return s_firstError ?? s_lastWarning; }
    }

    public static void Clear()
    {
        lock (s_lock)
        {
            s_firstError = null;
            s_lastWarning = null;
            s_previousLevel = 0;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(int level, byte* text, void* userData)
    {
        if (text is null) return;
        string line = Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
        if (s_echo) Console.Error.Write(line);
        lock (s_lock)
        {
            if (level == LevelContinue) level = s_previousLevel;
            else s_previousLevel = level;
            string trimmed = line.Trim();
            if (trimmed.Length == 0) return;
            if (level == LevelError)
            {
                if (s_firstError is null) s_firstError = trimmed;
            }
            else if (level == LevelWarn)
            {
                s_lastWarning = trimmed;
            }
        }
    }

    internal static string Utf8(byte* text) => text is null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;

    internal static byte[] NullTerminated(string s)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
