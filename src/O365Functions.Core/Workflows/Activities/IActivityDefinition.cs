namespace O365Functions.Core.Workflows.Activities;

/// <summary>What a host needs to know of an activity to register it with its engine, whatever its types.</summary>
public interface IActivityDefinition
{
    /// <summary>The activity's name on both engines: its class's name (renaming the class renames the activity).</summary>
    string Name { get; }

    /// <summary>The activity's class.</summary>
    Type Implementation { get; }

    /// <summary>The activity's input type.</summary>
    Type InputType { get; }

    /// <summary>The activity's output type.</summary>
    Type OutputType { get; }

    /// <summary>Registers the activity with an engine; each run creates the activity from <paramref name="services"/>.</summary>
    void Register(IWorkflowRegistrar registrar, IServiceProvider services);
}
