using System.Runtime.InteropServices;

namespace CrewChief.Native.Espeak;

/// <summary>
/// espeak_EVENT as speak_lib.h lays it out (x64: 40 bytes): the synth callback receives an array of them ending in
/// type 0. Only its address is used (CrewChief takes the samples, not word or sentence events); the layout is kept
/// exact so the pointer type is honest.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct EspeakEvent
{
    /// <summary>espeak_EVENT_TYPE: 0 list end, 1 word, 2 sentence, 3 mark, 4 play, 5 end, 6 message end, 7 phoneme, 8 sample rate.</summary>
    public int Type;
    public uint UniqueIdentifier;
    public int TextPosition;
    public int Length;
    public int AudioPositionMs;
    public int Sample;
    public void* UserData;
    /// <summary>The union of int number / const char* name / char string[8]: 8 bytes.</summary>
    public ulong Id;
}
