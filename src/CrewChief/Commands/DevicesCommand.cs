using CrewChief.Events;
using CrewChief.Playback;

namespace CrewChief.App.Commands;

/// <summary>'crewchief devices [--test] [playback flags]': the audio outputs OpenAL can open; --test plays a short tone through the playback stage.</summary>
internal static class DevicesCommand
{
    public static int Run(CommandArgs args)
    {
        bool test = args.Flag("--test");
        PlaybackOptions options = PlaybackArgs.Read(args);
        args.ThrowOnUnknown();
        if (!OutputDevices.TryList(out IReadOnlyList<string> names, out string? defaultName, out string error))
            throw new InputException(error);
        if (names.Count == 0)
            Console.WriteLine("No audio output devices found; callouts will be written to a WAV file instead (--out FILE.wav).");
        foreach (string name in names)
            Console.WriteLine(name == defaultName ? $"* {name}" : $"  {name}");
        if (names.Count > 0)
            Console.WriteLine($"({names.Count} device(s); * is the default. Pick one with --device \"NAME\".)");
        ListInputs();
        if (test) PlayTestTone(options);
        return 0;
    }

    /// <summary>The microphones the two-way radio can listen on ([radio] mic).</summary>
    private static void ListInputs()
    {
        if (!CrewChief.Native.OpenAl.OpenAlCaptureDevice.TryListInputs(out var inputs, out string? defaultInput, out string error))
        {
            Console.WriteLine($"inputs: {error}");
            return;
        }
        Console.WriteLine(inputs.Count == 0 ? "No audio input devices found; the radio answers HTTP questions only." : "inputs (microphones):");
        foreach (string name in inputs) Console.WriteLine(name == defaultInput ? $"* {name}" : $"  {name}");
        if (inputs.Count > 0) Console.WriteLine($"({inputs.Count} input(s); * is the default. Pick one with [radio] mic = \"NAME\" in crewchief.toml.)");
    }

    private static void PlayTestTone(PlaybackOptions options)
    {
        options.FallbackToWav = false;
        using var stage = new PlaybackStage(options);
        Console.WriteLine($"Playing a test tone on {stage.OutputDescription}...");
        var tone = new Utterance(Priority.Medium, UtteranceKind.Routine, "test tone", options.SampleRate);
        var pcm = new float[options.SampleRate * 3 / 4];
        for (int i = 0; i < pcm.Length; i++) pcm[i] = 0.2f * MathF.Sin(2 * MathF.PI * 440 * i / options.SampleRate);
        tone.Append(pcm);
        tone.Complete();
        stage.Enqueue(tone);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!tone.Outcome.IsFinal() && DateTime.UtcNow < deadline && stage.Error is null) Thread.Sleep(20);
        if (stage.Error is not null) throw new InputException($"playback failed on {stage.OutputDescription}: {stage.Error.Message}");
        Console.WriteLine(tone.Outcome == PlaybackOutcome.Played ? "Done." : $"The tone did not finish ({tone.Outcome}).");
    }
}
