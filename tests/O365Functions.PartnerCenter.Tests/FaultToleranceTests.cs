using O365Functions.Emulators;
using O365Functions.PartnerCenter.Http;
using Xunit.Abstractions;

namespace O365Functions.PartnerCenter.Tests;

public sealed class FaultToleranceTests(ITestOutputHelper output)
{
    private const string E3 = "796b6b5f-613c-4e24-a17c-eba730d49c02";

    [Fact]
    public async Task Fifty_orders_through_thirty_percent_faults_buy_exactly_fifty_times()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var log = new CapturingLogger<PartnerCenterTransport>();
        var client = side.CreateClient(log);
        var customer = await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Fabrikam"));
        side.Emulator.Options.FaultRate = 0.3;
        side.Emulator.Options.FaultKinds = EmulatedFault.Throttled | EmulatedFault.ServiceUnavailable | EmulatedFault.ConnectionDroppedAfterAction;

        await Parallel.ForEachAsync(Enumerable.Range(1, 50), new ParallelOptions { MaxDegreeOfParallelism = 5 }, async (seats, token) =>
        {
            var order = await client.CreateOrderAsync(customer.Id!, MicrosoftSide.OrderOf(E3, seats), cancellationToken: token);
            Assert.Equal(seats, order.LineItems.Single().Quantity);
        });

        var state = side.Emulator.Snapshot();
        output.WriteLine(
            $"{state.Calls["POST /v1/customers/{customerId}/orders"]} order calls, {state.Faults} faults injected, " +
            $"{state.Replays} answered from the request-id replay cache, {state.Orders} orders and {state.Subscriptions} subscriptions.");
        Assert.Equal(50, state.Orders);
        Assert.Equal(50, state.Subscriptions);
        Assert.True(state.Faults >= 5, $"Only {state.Faults} faults were injected.");
        Assert.True(state.Replays >= 1, "No dropped purchase was retried; the run did not exercise the double-buy case.");
        Assert.True(state.Calls["POST /v1/customers/{customerId}/orders"] > 50);
        Assert.Contains(log.Lines, line => line.Contains("retrying with the same request id", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => line.Contains("emu-at-", StringComparison.Ordinal) || line.Contains("emu-rt-", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => line.Contains(side.Emulator.Options.ClientSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_that_keeps_failing_is_tried_max_attempts_times_then_reported_as_transient()
    {
        await using var side = await MicrosoftSide.StartAsync();
        side.ClientOptions.MaxAttempts = 3;
        var client = side.CreateClient();
        var customer = await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Contoso Pharma"));
        side.Emulator.Options.FaultRate = 1;
        side.Emulator.Options.FaultKinds = EmulatedFault.ServiceUnavailable;

        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() => client.GetCustomerAsync(customer.Id!));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.True(failure.IsTransient);
        Assert.Equal(3, side.Emulator.Snapshot().Calls["GET /v1/customers/{customerId}"]);
    }

    [Fact]
    public async Task The_same_request_id_buys_once_even_across_separate_calls()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Northwind"));
        var step = new PartnerCenterCallOptions(RequestId: Guid.NewGuid());

        var first = await client.CreateOrderAsync(customer.Id!, MicrosoftSide.OrderOf(E3, 3), step);
        var again = await client.CreateOrderAsync(customer.Id!, MicrosoftSide.OrderOf(E3, 3), step);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, side.Emulator.Snapshot().Orders);
    }

    [Fact]
    public async Task Throttling_is_waited_out_as_retry_after_says()
    {
        await using var side = await MicrosoftSide.StartAsync(emulator =>
        {
            emulator.ThrottleBudget = 4;
            emulator.ThrottleWindow = TimeSpan.FromSeconds(2);
        });
        var client = side.CreateClient();

        var customers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            customers.Add((await client.CreateCustomerAsync(MicrosoftSide.NewCustomer($"Tailspin{i}"))).Id!);
        }

        Assert.Equal(8, customers.Distinct().Count());
        Assert.True(side.Emulator.Snapshot().Throttled > 0, "The emulator never throttled; the test did not exercise Retry-After.");
    }

    [Fact]
    public async Task The_client_budget_keeps_under_the_service_budget_so_nothing_is_throttled()
    {
        await using var side = await MicrosoftSide.StartAsync(emulator =>
        {
            emulator.ThrottleBudget = 10;
            emulator.ThrottleWindow = TimeSpan.FromSeconds(2);
        });
        side.ClientOptions.RequestBudget = 10;
        side.ClientOptions.RateLimitWindow = TimeSpan.FromSeconds(2);
        var client = side.CreateClient();
        var customer = await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Litware"));

        await Parallel.ForEachAsync(Enumerable.Range(0, 25), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, token) =>
            await client.GetCustomerAsync(customer.Id!, token));

        Assert.Equal(0, side.Emulator.Snapshot().Throttled);
    }
}
