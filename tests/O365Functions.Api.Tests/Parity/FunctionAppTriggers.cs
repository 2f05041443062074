extern alias functionapp;

using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using AzureGatewaySettings = functionapp::O365Functions.FunctionApp.Hosting.AzureGatewaySettings;

namespace O365Functions.Api.Tests.Parity;

/// <summary>The Functions app's functions, read by reflection over their trigger attributes, as the worker's generator reads them.</summary>
internal static class FunctionAppTriggers
{
    public static Assembly Assembly { get; } = typeof(AzureGatewaySettings).Assembly;

    public static IEnumerable<(string Name, MethodInfo Method)> Functions() =>
        Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(method => (Attribute: method.GetCustomAttribute<FunctionAttribute>(), Method: method))
            .Where(f => f.Attribute is not null)
            .Select(f => (f.Attribute!.Name, f.Method));

    public static IEnumerable<(string Name, T Trigger)> WithParameter<T>()
        where T : Attribute =>
        Functions().SelectMany(f => f.Method.GetParameters()
            .Select(p => p.GetCustomAttribute<T>())
            .Where(a => a is not null)
            .Select(a => (f.Name, a!)));

    public static bool HasParameter<T>(string functionName)
        where T : Attribute =>
        Functions().Single(f => f.Name == functionName).Method.GetParameters().Any(p => p.GetCustomAttribute<T>() is not null);
}
