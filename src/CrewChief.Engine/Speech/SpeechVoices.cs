using System.Diagnostics.CodeAnalysis;

namespace CrewChief.Speech;

/// <summary>
/// Picks the voice CrewChief speaks with, best first: the configured Piper voice; else the first Piper voice found in
/// a voices/ folder (beside the exe, then in the working folder); else espeak-ng's built-in voice, so a fresh install
/// still speaks; else text-only.
/// </summary>
public static class SpeechVoices
{
    /// <summary>The status line when the fallback voice is chosen because no Piper voice exists.</summary>
    public const string EspeakFallbackStatus =
        "no Piper voice found in voices/: speaking with espeak-ng's built-in voice; put a Piper voice in voices/ for a natural one";

    /// <summary>Where Piper voices are looked for when none is configured: voices/ beside the exe, then in the working folder.</summary>
    public static IReadOnlyList<string> DefaultVoiceFolders { get; } =
    [
        Path.Combine(AppContext.BaseDirectory, "voices"),
        Path.Combine(Directory.GetCurrentDirectory(), "voices"),
    ];

    /// <summary>
    /// Loads the best available voice. <paramref name="status"/> is one line per decision (a configured voice that
    /// failed to load, then the voice chosen), for the start-up log. Returns false (text-only) with the reason when
    /// not even espeak-ng is available.
    /// </summary>
    public static bool TryCreate(SpeechOptions options, [NotNullWhen(true)] out ISpeechSynthesizer? synthesizer, out string status) =>
        TryCreate(options, DefaultVoiceFolders, out synthesizer, out status);

    /// <summary><see cref="TryCreate(SpeechOptions, out ISpeechSynthesizer?, out string)"/> searching <paramref name="voiceFolders"/>.</summary>
    public static bool TryCreate(SpeechOptions options, IReadOnlyList<string> voiceFolders, [NotNullWhen(true)] out ISpeechSynthesizer? synthesizer, out string status)
    {
        string? failure = null;
        if (!string.IsNullOrEmpty(options.VoicePath))
        {
            if (PiperSynthesizer.TryCreate(options, out PiperSynthesizer? piper, out string error))
            {
                synthesizer = piper!;
                status = $"speaking with {piper!.Description} ({options.VoicePath})";
                return true;
            }
            failure = $"{error.Replace("; speaking text-only", "", StringComparison.Ordinal).TrimEnd('.')}; falling back";
        }
        else if (FindVoice(voiceFolders) is string found)
        {
            if (PiperSynthesizer.TryCreate(options with { VoicePath = found }, out PiperSynthesizer? piper, out string error))
            {
                synthesizer = piper!;
                status = $"speaking with {piper!.Description} (found {found})";
                return true;
            }
            failure = $"{error.Replace("; speaking text-only", "", StringComparison.Ordinal).TrimEnd('.')}; falling back";
        }

        if (EspeakSynthesizer.TryCreate(options, out EspeakSynthesizer? espeak, out string espeakError))
        {
            synthesizer = espeak!;
            string chosen = failure is null
                ? $"{EspeakFallbackStatus} ({espeak!.Description})"
                : $"speaking with espeak-ng's built-in voice ({espeak!.Description}); fix the Piper voice for a natural one";
            status = failure is null ? chosen : failure + Environment.NewLine + chosen;
            return true;
        }
        synthesizer = null;
        string textOnly = $"no voice available, speaking text-only: {espeakError}";
        status = failure is null ? textOnly : failure + Environment.NewLine + textOnly;
        return false;
    }

    /// <summary>The first NAME.onnx (ordinal order) with NAME.onnx.json beside it in the first folder that has one.</summary>
    public static string? FindVoice(IReadOnlyList<string> voiceFolders)
    {
        foreach (string folder in voiceFolders)
        {
            if (!Directory.Exists(folder)) continue;
            string[] models = Directory.GetFiles(folder, "*.onnx");
            Array.Sort(models, StringComparer.Ordinal);
            foreach (string model in models)
            {
                if (File.Exists(model + ".json")) return model;
            }
        }
        return null;
    }
}
