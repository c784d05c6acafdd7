using CrewChief.Playback;

namespace CrewChief.App.Commands;

/// <summary>The playback flags any command that speaks accepts: --out FILE.wav, --device NAME, --volume 0..1, --no-beep.</summary>
internal static class PlaybackArgs
{
    public const string Usage = """
          --out FILE.wav       write what would be heard to a WAV file instead of a sound card
          --device NAME        the sound card to use ('crewchief devices' lists them)
          --volume V           0 to 1 (default 1)
          --no-beep            no radio beep before callouts
        """;

    public static PlaybackOptions Read(CommandArgs args)
    {
        var options = new PlaybackOptions();
        string? wav = args.String("--out");
        if (wav is not null)
        {
            if (!wav.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
                throw new InputException($"--out {wav}: the file name must end in .wav.");
            options.Output = PlaybackOutput.Wav;
            options.WavPath = wav;
        }
        options.DeviceName = args.String("--device");
        double? volume = args.Number("--volume");
        if (volume is not null) options.Volume = (float)volume.Value;
        if (args.Flag("--no-beep")) options.RadioBeep = false;
        options.Validate();
        return options;
    }
}
