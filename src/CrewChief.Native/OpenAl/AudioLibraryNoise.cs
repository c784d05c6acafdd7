using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CrewChief.Native.OpenAl;

/// <summary>
/// Keeps the audio libraries' own diagnostics off the racer's console. On a machine without a sound card, opening
/// the default device makes libasound print nine "ALSA lib ..." lines and OpenAL Soft an "AL lib: (EE)" line before
/// CrewChief can say in one line what happened and what it does instead (write a WAV).
/// </summary>
internal static unsafe class AudioLibraryNoise
{
    private static int s_done;

    /// <summary>Call before OpenAL Soft is loaded (it reads ALSOFT_LOGLEVEL once, at load). Linux only; a user's
    /// own ALSOFT_LOGLEVEL is kept.</summary>
    internal static void Silence()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref s_done, 1) != 0) return;
        // Environment.SetEnvironmentVariable changes only .NET's copy of the environment; OpenAL calls getenv.
        if (NativeLibrary.TryLoad("libc.so.6", out nint libc)
            && NativeLibrary.TryGetExport(libc, "setenv", out nint setenv))
        {
            fixed (byte* name = "ALSOFT_LOGLEVEL\0"u8)
            fixed (byte* value = "0\0"u8)
                ((delegate* unmanaged[Cdecl]<byte*, byte*, int, int>)setenv)(name, value, 0);
        }
        // snd_lib_error_set_handler takes a printf-style handler; one that ignores the variadic tail is safe on
        // every ABI .NET runs on (the caller owns the arguments).
        if (NativeLibrary.TryLoad("libasound.so.2", out nint asound)
            && NativeLibrary.TryGetExport(asound, "snd_lib_error_set_handler", out nint setHandler))
        {
            ((delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<byte*, int, byte*, int, byte*, void>, int>)setHandler)(&Ignore);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Ignore(byte* file, int line, byte* function, int error, byte* format) { }
}
