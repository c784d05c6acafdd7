namespace CrewChief.Radio;

/// <summary>
/// Voice-activity mode's ear: 20 ms frames, speech when a frame's RMS is well above the running noise floor (an
/// engine at steady revs is loud but steady; a voice close to the mic rises above it), hanging on for 600 ms of
/// quiet so pauses between words do not cut a question in two. Crude by design; push-to-talk is the robust choice.
/// </summary>
public sealed class VoiceActivity
{
    private const double Ratio = 3.0;
    private const int HangFrames = 30;
    private double _floor = 200;
    private int _hang;

    public bool Update(ReadOnlySpan<short> frame)
    {
        if (frame.IsEmpty) return _hang > 0;
        double sum = 0;
        foreach (short s in frame) sum += (double)s * s;
        double rms = Math.Sqrt(sum / frame.Length);
        bool loud = rms > _floor * Ratio;
        // The floor follows the quiet frames quickly and the loud ones very slowly, so speech does not raise it.
        _floor += (rms - _floor) * (loud ? 0.001 : 0.05);
        _floor = Math.Max(_floor, 30);
        if (loud) _hang = HangFrames;
        else if (_hang > 0) _hang--;
        return _hang > 0;
    }
}
