namespace CrewChief.Races;

/// <summary>The race-control flag shown when a car crossed the line (WEC <c>FLAG_AT_FL</c>).</summary>
public enum RaceFlag : byte
{
    Green = 0,
    /// <summary>Full-course yellow (WEC "FCY"): everyone slows to a set speed, no pace car.</summary>
    FullCourseYellow,
    /// <summary>Safety car (WEC "SF"): the field queues behind the safety car.</summary>
    SafetyCar,
    /// <summary>Red flag (WEC "RF"): the session is stopped.</summary>
    Red,
    /// <summary>Chequered flag (WEC "FF").</summary>
    Finish,
}
