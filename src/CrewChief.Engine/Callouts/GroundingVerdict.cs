namespace CrewChief.Callouts;

/// <summary>What is wrong with a callout, if anything.</summary>
public enum GroundingProblem : byte
{
    None = 0,
    /// <summary>A number no fact (nor a rounding or unit conversion of one) supports.</summary>
    UngroundedNumber,
    /// <summary>A P&lt;n&gt; that is neither the car's position nor a known neighbour's.</summary>
    WrongPosition,
    /// <summary>A corner that is not on this track.</summary>
    WrongCorner,
    /// <summary>A person or car name the session did not give us.</summary>
    UnknownName,
    /// <summary>A system the car does not have (DRS outside F1, deployment on a car without a hybrid).</summary>
    MissingSystem,
}

/// <summary>The outcome of <see cref="GroundingCheck.Check"/>: ok, or the first problem and the words that caused it.</summary>
public readonly record struct GroundingVerdict(GroundingProblem Problem, string Detail)
{
    public static GroundingVerdict Ok => default;

    public bool IsGrounded => Problem == GroundingProblem.None;

    public override string ToString() => IsGrounded ? "ok" : $"{Problem}: {Detail}";
}
