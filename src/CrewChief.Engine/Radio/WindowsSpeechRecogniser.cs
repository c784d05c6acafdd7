using System.Text;
using CrewChief.Native.WindowsSpeech;

namespace CrewChief.Radio;

/// <summary>
/// Windows' built-in speech recogniser (SAPI 5 in-process, nothing to download) with the intent table as an SRGS
/// grammar: the Windows twin of <see cref="PocketSphinxRecogniser"/>. Compiled and its grammar tested here; never
/// run on a real Windows in this project (see the README), and under Wine it reports that it is unavailable.
/// </summary>
public sealed class WindowsSpeechRecogniser : ISpeechRecogniser
{
    private const int Rate = 16000;
    private readonly SapiRecognizer _sapi;
    private short[] _resampled = [];

    private WindowsSpeechRecogniser(SapiRecognizer sapi) => _sapi = sapi;

    public string Description => "Windows speech recogniser (SAPI 5 in-process), SRGS grammar from the intent table";

    /// <summary>The recogniser with <paramref name="table"/>'s grammar; null with one line in <paramref name="error"/>.</summary>
    public static WindowsSpeechRecogniser? TryCreate(IntentTable? table, out string error)
    {
        if (!OperatingSystem.IsWindows()) { error = "the Windows speech recogniser exists only on Windows"; return null; }
        // SAPI compiles an SRGS grammar from a file; it is read at load, so the file can go right after.
        string file = Path.Combine(Path.GetTempPath(), $"crewchief-radio-{Environment.ProcessId}.grxml");
        try
        {
            File.WriteAllText(file, SrgsGrammar.From(table ?? IntentTable.Default), new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot write the recogniser's grammar {file} ({e.Message})";
            return null;
        }
        try
        {
            var sapi = SapiRecognizer.TryCreate(file, out error);
            return sapi is null ? null : new WindowsSpeechRecogniser(sapi);
        }
        finally
        {
            try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public string Recognise(ReadOnlySpan<short> pcm, int sampleRate)
    {
        // Room for a slow first decode; the stream's end normally arrives within a fraction of its length.
        int timeoutMs = 5000 + (int)(pcm.Length * 2000L / Math.Max(1, sampleRate));
        string heard;
        if (sampleRate == Rate) heard = _sapi.Recognise(pcm, Rate, timeoutMs);
        else
        {
            int n = PcmResampler.OutputLength(pcm.Length, sampleRate, Rate);
            if (_resampled.Length < n) _resampled = new short[n];
            int written = PcmResampler.Resample(pcm, sampleRate, _resampled, Rate);
            heard = _sapi.Recognise(_resampled.AsSpan(0, written), Rate, timeoutMs);
        }
        return Normalise(heard);
    }

    /// <summary>SAPI's display text ("How's my fuel?") back to the grammar's own spelling ("how's my fuel").</summary>
    public static string Normalise(string display)
    {
        var sb = new StringBuilder(display.Length);
        foreach (char c in display.Trim())
        {
            if (char.IsLetterOrDigit(c) || c == '\'' ) sb.Append(char.ToLowerInvariant(c));
            else if (c == ' ' && sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
        }
        return sb.ToString().TrimEnd();
    }

    public void Dispose() => _sapi.Dispose();
}
