using Mesh.Contracts.Authorization;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Routes;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Tests.Catalog;

/// <summary>One commit path for every kind: what a set of changes makes of the configuration, or why it is refused.</summary>
public sealed class CommitPlanTests
{
    private static readonly AuthzPolicySpec AllowWeb = new([new AuthzRule(["web"], [], [])]);

    [Fact]
    public void ServiceAndTheRouteToIt_InOneCommit_AreBothCreated()
    {
        var plan = Plan(ConfigTables.Empty, Put(ResourceKinds.Route, "orders", Specs.RouteTo("orders")), Put(ResourceKinds.Service, "orders", Specs.Service));

        Assert.Equal(WriteOutcome.Applied, plan.Outcome);
        Assert.Equal(
            [(ResourceKinds.Route, "orders", ChangeKind.Create), (ResourceKinds.Service, "orders", ChangeKind.Create)],
            plan.Changes.Select(c => (c.Key.Kind, c.Key.Name, c.Change)));
    }

    [Fact]
    public void Commit_WithErrorsInTwoResources_IsRefusedNamingBothByPath_AndChangesNothing()
    {
        var current = Tables(Put(ResourceKinds.Service, "orders", Specs.Service));

        var plan = Plan(current, Put(ResourceKinds.Route, "a", Specs.RouteTo("nope")), Put(ResourceKinds.Route, "b", Specs.RouteTo("orders", "no-limit")));

        Assert.Equal(WriteOutcome.Invalid, plan.Outcome);
        Assert.Equal(["routes.a.backends[0].service", "routes.b.rateLimit"], plan.Errors.ToDictionary().Keys);
        Assert.Same(current, plan.Result);
        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void ReplaceAll_DeletesWhatTheDocumentLeavesOut_AndAServiceTakesItsPolicyAlong()
    {
        var current = Tables(Put(ResourceKinds.Service, "old", Specs.Service), Put(ResourceKinds.Authz, "old", AllowWeb), Put(ResourceKinds.Service, "kept", Specs.Service));

        var plan = Plan(current, replaceAll: true, Put(ResourceKinds.Service, "kept", Specs.Service));

        Assert.Equal(WriteOutcome.Applied, plan.Outcome);
        Assert.Equal([(ResourceKinds.Authz, "old"), (ResourceKinds.Service, "old")], plan.Changes.Select(c => (c.Key.Kind, c.Key.Name)));
        Assert.All(plan.Changes, c => Assert.Equal(ChangeKind.Delete, c.Change));
    }

    [Fact]
    public void ReplaceAll_ThatDropsAServiceARemainingRouteUses_IsRefusedAtTheRoutesReference()
    {
        var current = Tables(Put(ResourceKinds.Service, "orders", Specs.Service), Put(ResourceKinds.Route, "orders", Specs.RouteTo("orders")));

        var plan = Plan(current, replaceAll: true, Put(ResourceKinds.Route, "orders", Specs.RouteTo("orders")));

        Assert.Equal(WriteOutcome.Invalid, plan.Outcome);
        Assert.Equal(["routes.orders.backends[0].service"], plan.Errors.ToDictionary().Keys);
    }

    [Fact]
    public void Update_NamesExactlyTheFieldsThatChange()
    {
        var twoBackends = Specs.RouteTo("a") with { Backends = [new WeightedBackend("a", 90), new WeightedBackend("b", 10)] };
        var current = Tables(Put(ResourceKinds.Service, "a", Specs.Service), Put(ResourceKinds.Service, "b", Specs.Service), Put(ResourceKinds.Route, "r", twoBackends));

        var plan = Plan(current, Put(ResourceKinds.Route, "r", twoBackends with { Backends = [new WeightedBackend("a", 80), new WeightedBackend("b", 20)], Order = 3 }));

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ChangeKind.Update, change.Change);
        Assert.Equal(["backends[0].weight", "backends[1].weight", "order"], change.Fields.ToArray());
    }

    [Fact]
    public void Put_ThatChangesNothing_PlansNoChange()
    {
        var current = Tables(Put(ResourceKinds.Service, "same", Specs.Service));

        Assert.Empty(Plan(current, Put(ResourceKinds.Service, "same", Specs.Service)).Changes);
    }

    [Fact]
    public void SinglePut_NamesFieldsRelativeToItsResource()
    {
        var plan = CommitPlan.Make(ConfigTables.Empty, ConfigCommit.Put(ResourceKinds.Route, "r", Specs.RouteTo("nope", "no-limit")));

        Assert.Equal(["backends[0].service", "rateLimit"], plan.Errors.ToDictionary().Keys);
        Assert.Equal(["service 'nope' does not exist"], plan.Errors.ToDictionary()["backends[0].service"]);
        Assert.Equal(["rate-limit policy 'no-limit' does not exist"], plan.Errors.ToDictionary()["rateLimit"]);
    }

    [Fact]
    public void AnApplyOfOneResource_NamesFieldsByTheirPathInTheDocument()
    {
        var plan = Plan(ConfigTables.Empty, Put(ResourceKinds.Route, "r", Specs.RouteTo("nope")));

        Assert.Equal(["routes.r.backends[0].service"], plan.Errors.ToDictionary().Keys);
    }

    [Fact]
    public void SinglePut_OfAPolicyForAServiceThatDoesNotExist_IsNotFound()
    {
        Assert.Equal(WriteOutcome.NotFound, CommitPlan.Make(ConfigTables.Empty, ConfigCommit.Put(ResourceKinds.Authz, "ghost", AllowWeb)).Outcome);
    }

    [Fact]
    public void SingleDelete_OfAServiceInUse_IsAConflictNamingEveryUser()
    {
        var current = Tables(
            Put(ResourceKinds.Service, "used", Specs.Service),
            Put(ResourceKinds.Route, "b", Specs.RouteTo("used")),
            Put(ResourceKinds.Route, "a", Specs.RouteTo("used")));

        var plan = CommitPlan.Make(current, ConfigCommit.Delete(ResourceKinds.Service, "used"));

        Assert.Equal(WriteOutcome.Conflict, plan.Outcome);
        Assert.Equal(["service 'used' is used by routes: a, b"], plan.Errors.ToDictionary()["name"]);
    }

    [Fact]
    public void SingleDelete_OfAServiceWithAStaticEndpointAndAPolicy_DeletesThemToo()
    {
        var current = Tables(
            Put(ResourceKinds.Service, "gone", Specs.Service),
            Put(ResourceKinds.Authz, "gone", AllowWeb),
            Put(ResourceKinds.Endpoint, ResourceKinds.EndpointName("gone", "e1"), Specs.Endpoint(7001)));

        var plan = CommitPlan.Make(current, ConfigCommit.Delete(ResourceKinds.Service, "gone"));

        Assert.Equal(WriteOutcome.Applied, plan.Outcome);
        Assert.Empty(plan.Result.Resources);
        Assert.Equal(3, plan.Changes.Length);
    }

    [Fact]
    public void SingleDelete_OfSomethingThatDoesNotExist_IsNotFound()
    {
        Assert.Equal(WriteOutcome.NotFound, CommitPlan.Make(ConfigTables.Empty, ConfigCommit.Delete(ResourceKinds.Route, "none")).Outcome);
    }

    private static ResourcePut Put(string kind, string name, object spec) => new(new ResourceKey(kind, name), spec);

    private static CommitPlan Plan(ConfigTables current, params ResourcePut[] puts) => Plan(current, false, puts);

    private static CommitPlan Plan(ConfigTables current, bool replaceAll, params ResourcePut[] puts) =>
        CommitPlan.Make(current, new ConfigCommit([.. puts], [], replaceAll, ChangeSource.Apply, DryRun: false));

    private static ConfigTables Tables(params ResourcePut[] puts)
    {
        var plan = Plan(ConfigTables.Empty, puts);
        Assert.Equal(WriteOutcome.Applied, plan.Outcome);
        return plan.Result;
    }
}
