using CrewChief.Native.PocketSphinx;

namespace CrewChief.Radio;

/// <summary>
/// PocketSphinx with the intent table's JSGF grammar and its US English model (Debian pocketsphinx-en-us). The
/// model wants 16 kHz; other rates are resampled first.
/// </summary>
public sealed class PocketSphinxRecogniser : ISpeechRecogniser
{
    public const int ModelRate = 16000;

    /// <summary>Where Debian's pocketsphinx-en-us puts the model (and where a Windows install is told to put it, beside the exe).</summary>
    public static string DefaultModelFolder =>
        OperatingSystem.IsWindows() ? Path.Combine(AppContext.BaseDirectory, "pocketsphinx", "en-us") : "/usr/share/pocketsphinx/model/en-us";

    private readonly PocketSphinxDecoder _decoder;
    private short[] _resampled = [];

    private PocketSphinxRecogniser(PocketSphinxDecoder decoder, string folder)
    {
        _decoder = decoder;
        Description = $"PocketSphinx {(PocketSphinxLibrary.IsModernApi ? "5" : "5prealpha")} ({PocketSphinxLibrary.LoadedFrom}), model {folder}, grammar of {CountPhrasings()} phrasings";
    }

    public string Description { get; }

    /// <summary>
    /// Loads the library and the model in <paramref name="modelFolder"/> (holding en-us/ and cmudict-en-us.dict)
    /// with the grammar of <paramref name="table"/>; null with one line in <paramref name="error"/> otherwise.
    /// </summary>
    public static PocketSphinxRecogniser? TryCreate(string? modelFolder, IntentTable? table, out string error)
    {
        string folder = string.IsNullOrWhiteSpace(modelFolder) ? DefaultModelFolder : modelFolder;
        var decoder = PocketSphinxDecoder.TryCreate(Path.Combine(folder, "en-us"), Path.Combine(folder, "cmudict-en-us.dict"),
            JsgfGrammar.From(table ?? IntentTable.Default), out error);
        return decoder is null ? null : new PocketSphinxRecogniser(decoder, folder);
    }

    public string Recognise(ReadOnlySpan<short> pcm, int sampleRate)
    {
        if (sampleRate == ModelRate) return _decoder.Decode(pcm);
        int n = PcmResampler.OutputLength(pcm.Length, sampleRate, ModelRate);
        if (_resampled.Length < n) _resampled = new short[n];
        int written = PcmResampler.Resample(pcm, sampleRate, _resampled, ModelRate);
        return _decoder.Decode(_resampled.AsSpan(0, written));
    }

    private static int CountPhrasings()
    {
        int n = 0;
        foreach (var (_, p) in IntentTable.Default.Rows) n += p.Length;
        return n;
    }

    public void Dispose() => _decoder.Dispose();
}
