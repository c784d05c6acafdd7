using CrewChief.Playback;

namespace CrewChief.App.Commands;

/// <summary>'crewchief devices': the audio outputs OpenAL can open, for --device.</summary>
internal static class DevicesCommand
{
    public static int Run(CommandArgs args)
    {
        args.ThrowOnUnknown();
        if (!OutputDevices.TryList(out IReadOnlyList<string> names, out string? defaultName, out string error))
            throw new InputException(error);
        if (names.Count == 0)
        {
            Console.WriteLine("No audio output devices found; callouts will be written to a WAV file instead (--out FILE.wav).");
            return 0;
        }
        foreach (string name in names)
        {
            Console.WriteLine(name == defaultName ? $"* {name}" : $"  {name}");
        }
        Console.WriteLine($"({names.Count} device(s); * is the default. Pick one with --device \"NAME\".)");
        return 0;
    }
}
