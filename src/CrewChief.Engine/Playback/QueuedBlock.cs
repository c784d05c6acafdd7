namespace CrewChief.Playback;

/// <summary>One block in the sink's queue: whose audio it holds and from where, so a flush can rewind it.</summary>
internal readonly record struct QueuedBlock(Utterance? Utterance, long Cursor, int Count, bool First);
