namespace CrewChief.Tests.Playback;

/// <summary>Playback tests run one at a time: each owns an OpenAL device and a thread, and the machine has 2 cores.</summary>
[CollectionDefinition(nameof(PlaybackCollection), DisableParallelization = true)]
public sealed class PlaybackCollection;
