using O365Functions.Core.Catalog;

namespace O365Functions.Core.Tests.Catalog;

/// <summary>
/// Properties of the resolver over many generated catalogs: plans always put parents first, and every rejection
/// names an offer that is really missing from the request. Seeds are fixed so that a failure can be replayed.
/// </summary>
public sealed class GeneratedCatalogTests
{
    private const int Catalogs = 300;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= Catalogs; seed += 30)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Closed_requests_always_yield_plans_with_parents_first(int firstSeed)
    {
        for (var seed = firstSeed; seed < firstSeed + 30; seed++)
        {
            var random = new Random(seed);
            var catalog = GeneratedCatalog.Create(random);
            var request = catalog.ClosedRequest(random);

            var result = new PurchasePlanResolver(catalog.Offers).Resolve(request);

            Assert.True(result.IsValid, $"seed {seed}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
            AssertParentsComeFirst(result.Plan, request, seed);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Removing_an_ancestor_is_either_harmless_or_named(int firstSeed)
    {
        var rejections = 0;
        for (var seed = firstSeed; seed < firstSeed + 30; seed++)
        {
            var random = new Random(seed);
            var catalog = GeneratedCatalog.Create(random);
            var (request, removed) = catalog.RequestWithoutOneAncestor(random);

            var result = new PurchasePlanResolver(catalog.Offers).Resolve(request);

            if (result.IsValid)
            {
                AssertParentsComeFirst(result.Plan, request, seed);
                continue;
            }

            rejections++;
            var requestedIds = request.Select(r => r.ProvisioningId).ToHashSet();
            Assert.All(result.Errors, e => Assert.Equal(CatalogErrorCode.MissingAncestor, e.Code));
            Assert.All(result.Errors, e => Assert.NotEmpty(e.Offers));
            Assert.All(result.Errors.SelectMany(e => e.Offers), id => Assert.DoesNotContain(id, requestedIds));
            Assert.Contains(result.Errors, e => e.Offers.Contains(removed));
        }

        Assert.True(rejections > 0, "the generator never produced a broken chain; the property was not exercised");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_loop_in_parent_definitions_is_found_and_named(int firstSeed)
    {
        for (var seed = firstSeed; seed < firstSeed + 30; seed++)
        {
            var random = new Random(seed);
            var (catalog, addon) = GeneratedCatalog.CreateWithLoop(random);

            var result = new PurchasePlanResolver(catalog).Resolve([new OfferRequest(addon, 1)]);

            var error = Assert.Single(result.Errors, e => e.Code == CatalogErrorCode.ParentCycle);
            Assert.Equal(error.Offers[0], error.Offers[^1]);
            for (var i = 0; i + 1 < error.Offers.Count; i++)
            {
                catalog.TryGet(error.Offers[i], out var child);
                Assert.Contains(error.Offers[i + 1], Assert.IsType<AddonType>(child).PossibleParentOffers);
            }
        }
    }

    private static void AssertParentsComeFirst(PurchasePlan plan, IReadOnlyList<OfferRequest> request, int seed)
    {
        Assert.Equal(
            request.Select(r => r.ProvisioningId).Order(),
            plan.Purchases.Select(p => p.Offer.ProvisioningId).Order());
        var position = plan.Purchases.Select((p, i) => (p.Offer.ProvisioningId, i)).ToDictionary(x => x.ProvisioningId, x => x.i);
        foreach (var purchase in plan.Purchases)
        {
            if (purchase.Offer is AddonType addon)
            {
                Assert.NotNull(purchase.ParentProvisioningId);
                Assert.Contains(purchase.ParentProvisioningId, addon.PossibleParentOffers);
                Assert.True(position[purchase.ParentProvisioningId] < position[addon.ProvisioningId], $"seed {seed}: parent after child");
            }
            else
            {
                Assert.Null(purchase.ParentProvisioningId);
            }
        }
    }

    /// <summary>A random acyclic catalog: add-on k picks one to three parents among the offers created before it.</summary>
    private sealed class GeneratedCatalog
    {
        private readonly List<OfferType> _all;

        private GeneratedCatalog(List<OfferType> all)
        {
            _all = all;
            Offers = new OfferCatalog(all);
        }

        public OfferCatalog Offers { get; }

        public static GeneratedCatalog Create(Random random)
        {
            var all = new List<OfferType>();
            var licenses = random.Next(1, 5);
            for (var i = 0; i < licenses; i++)
            {
                all.Add(new LicenseType { ProvisioningId = $"L{i}", Name = $"L{i}", OfferId = $"o-L{i}" });
            }

            var addons = random.Next(3, 15);
            for (var i = 0; i < addons; i++)
            {
                var parents = Enumerable.Range(0, random.Next(1, 4))
                    .Select(_ => all[random.Next(all.Count)].ProvisioningId)
                    .Distinct()
                    .ToList();
                all.Add(new AddonType { ProvisioningId = $"A{i}", Name = $"A{i}", OfferId = $"o-A{i}", PossibleParentOffers = parents });
            }

            return new GeneratedCatalog(all);
        }

        public static (OfferCatalog Catalog, string Addon) CreateWithLoop(Random random)
        {
            var generated = Create(random);
            var addons = generated._all.OfType<AddonType>().ToList();
            var low = addons[random.Next(addons.Count)];
            var chainFromLow = generated.ChainToTop(low, random).OfType<AddonType>().ToList();
            var high = chainFromLow[^1];
            var rewritten = generated._all
                .Select(o => o.ProvisioningId == high.ProvisioningId
                    ? high with { PossibleParentOffers = [low.ProvisioningId, .. high.PossibleParentOffers] }
                    : o)
                .ToList();
            return (new OfferCatalog(rewritten), low.ProvisioningId);
        }

        public List<OfferRequest> ClosedRequest(Random random)
        {
            var ids = new List<string>();
            foreach (var offer in _all.Where(_ => random.NextDouble() < 0.4).DefaultIfEmpty(_all[^1]))
            {
                foreach (var link in ChainToTop(offer, random))
                {
                    if (!ids.Contains(link.ProvisioningId))
                    {
                        ids.Add(link.ProvisioningId);
                    }
                }
            }

            return Shuffle(ids, random).Select(id => new OfferRequest(id, random.Next(1, 100))).ToList();
        }

        public (List<OfferRequest> Request, string Removed) RequestWithoutOneAncestor(Random random)
        {
            var addons = _all.OfType<AddonType>().ToList();
            var leaf = addons[random.Next(addons.Count)];
            var chain = ChainToTop(leaf, random);
            var removed = chain[random.Next(1, chain.Count)].ProvisioningId;
            var request = chain.Where(o => o.ProvisioningId != removed).Select(o => new OfferRequest(o.ProvisioningId, 1)).ToList();
            return (Shuffle(request, random), removed);
        }

        /// <summary>The offer, then one randomly chosen parent at each step, ending at a license type.</summary>
        private List<OfferType> ChainToTop(OfferType offer, Random random)
        {
            var chain = new List<OfferType> { offer };
            while (chain[^1] is AddonType addon)
            {
                var parentId = addon.PossibleParentOffers[random.Next(addon.PossibleParentOffers.Count)];
                chain.Add(_all.Single(o => o.ProvisioningId == parentId));
            }

            return chain;
        }

        private static List<T> Shuffle<T>(List<T> items, Random random)
        {
            var copy = items.ToList();
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(copy));
            return copy;
        }
    }
}
