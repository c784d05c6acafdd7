using CrewChief.Native.OpenAl;

namespace CrewChief.Playback;

/// <summary>The sound cards OpenAL can open, for 'crewchief devices' and for checking PlaybackOptions.DeviceName.</summary>
public static class OutputDevices
{
    /// <summary>
    /// Lists output device names (full names where ALC_ENUMERATE_ALL_EXT is present) and the default one.
    /// False when OpenAL Soft cannot be loaded; <paramref name="error"/> then says why in one line.
    /// </summary>
    public static bool TryList(out IReadOnlyList<string> names, out string? defaultName, out string error)
    {
        bool ok = OpenAlDevice.TryListOutputs(out List<string> list, out defaultName, out error);
        names = list;
        return ok;
    }

    /// <summary>Where OpenAL Soft was loaded from (after a successful <see cref="TryList"/>).</summary>
    public static string? LibraryPath => OpenAl.LoadedFrom;
}
