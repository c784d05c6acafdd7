using System.Text;

namespace CrewChief.Speech;

/// <summary>
/// Piper's phoneme → id mapping: the start symbol '^', a pad '_', then each phoneme's id(s) each followed by '_',
/// then the end symbol '$'. Phonemes the voice does not know are skipped, as Piper does.
/// </summary>
public static class PhonemeIdEncoder
{
    /// <summary>Appends the ids for one sentence of phonemes to <paramref name="ids"/>; returns how many were added.</summary>
    public static int Encode(ReadOnlySpan<char> phonemes, PiperVoiceConfig config, List<long> ids)
    {
        int start = ids.Count;
        var map = config.PhonemeIds;
        long[] pad = map[PiperVoiceConfig.Pad];
        ids.AddRange(map[PiperVoiceConfig.Bos]);
        ids.AddRange(pad);
        foreach (Rune r in phonemes.EnumerateRunes())
        {
            if (!map.TryGetValue(r.Value, out long[]? phonemeIds)) continue;
            ids.AddRange(phonemeIds);
            ids.AddRange(pad);
        }
        ids.AddRange(map[PiperVoiceConfig.Eos]);
        return ids.Count - start;
    }
}
