namespace Peninsula.Events;

/// <summary>What happened: the controlled taxonomy every event is filed under.</summary>
/// <remarks>Written and read as the kebab-case slug given by <see cref="Taxonomy"/>.</remarks>
public enum EventKind
{
    /// <summary>A missile launch; the class (SRBM ... SLV) says which.</summary>
    MissileLaunch,
    /// <summary>A nuclear explosive test.</summary>
    NuclearTest,
    /// <summary>A step of the nuclear programme short of a test (declaration, reactor restart, enrichment).</summary>
    NuclearMilestone,
    /// <summary>A rocket engine ground test.</summary>
    EngineTest,
    /// <summary>Artillery fire or another conventional military incident (exchange of fire, sinking, infiltration).</summary>
    ConventionalIncident,
    /// <summary>A crossing of the DMZ, the Military Demarcation Line or the Northern Limit Line.</summary>
    DmzIncursion,
    /// <summary>A cyber operation attributed to the DPRK.</summary>
    CyberOperation,
    /// <summary>A terrorist act (bombing, hijacking, assassination, kidnapping).</summary>
    Terror,
    /// <summary>Grey-zone pressure: trash balloons, GPS jamming, loudspeakers, no-sail zones.</summary>
    Hybrid,
    /// <summary>Any other provocation that fits none of the kinds above.</summary>
    OtherProvocation,
    /// <summary>A display of military power (bomber flights, carrier visits, parades).</summary>
    ShowOfForce,
    /// <summary>A visit by an official to another country.</summary>
    DiplomaticVisit,
    /// <summary>A meeting of heads of state or government.</summary>
    Summit,
    /// <summary>Negotiations below summit level.</summary>
    Talks,
    /// <summary>A signed agreement or joint declaration.</summary>
    Agreement,
    /// <summary>An official statement.</summary>
    Statement,
    /// <summary>A sanction: a UN Security Council resolution or a unilateral measure.</summary>
    Sanction,
    /// <summary>A military exercise (US-ROK, trilateral, or North Korean).</summary>
    MilitaryExercise,
    /// <summary>A national election.</summary>
    Election,
    /// <summary>A recurring North Korean anniversary.</summary>
    Anniversary,
}

/// <summary>How precisely an event's date is known.</summary>
public enum DatePrecision
{
    /// <summary>The day is known.</summary>
    Day,
    /// <summary>Only the month is known; the date is the first of that month.</summary>
    Month,
}

/// <summary>Whether a test or launch worked, as its sources report it.</summary>
public enum Outcome
{
    /// <summary>Reported as successful.</summary>
    Success,
    /// <summary>Reported as failed.</summary>
    Failure,
    /// <summary>Sources disagree or report partial success.</summary>
    Partial,
    /// <summary>Not reported.</summary>
    Unknown,
}
