using CrewChief.Native.Espeak;
using CrewChief.Native.Onnx;

namespace CrewChief.Tests.Speech;

/// <summary>
/// The native engines the speech tests need. scripts/setup.sh installs both (CI runs it first), so there these tests
/// run; on a machine without them they are skipped with the loader's own reason.
/// </summary>
internal static class SpeechNatives
{
    public static void RequireOnnxRuntime()
    {
        if (!OnnxRuntimeLibrary.TryInitialize(out string error))
            Assert.Skip($"ONNX Runtime unavailable ({error}); run scripts/natives.sh.");
    }

    public static void RequireEspeak()
    {
        if (!EspeakLibrary.TryInitialize(out string error))
            Assert.Skip($"espeak-ng unavailable ({error}); run scripts/setup.sh.");
    }
}
