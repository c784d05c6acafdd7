namespace CrewChief.Native.Espeak;

/// <summary>One clause as espeak-ng split it: its IPA phonemes and the source text it consumed (terminator included).</summary>
public readonly record struct EspeakClause(string Phonemes, string ConsumedText);
