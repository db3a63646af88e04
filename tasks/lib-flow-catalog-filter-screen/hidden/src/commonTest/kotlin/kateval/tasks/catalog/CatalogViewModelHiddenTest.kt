package kateval.tasks.catalog

import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.onCompletion
import kotlinx.coroutines.flow.onStart
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

/** A database whose catalog the test sets; null means "not loaded yet". Counts collections. */
class FakeCatalog(initial: List<Product>?) : CatalogRepository {
    val data = MutableStateFlow(initial)
    var starts = 0
    var active = 0

    override fun products(): Flow<List<Product>> =
        data.filterNotNull().onStart { starts++; active++ }.onCompletion { active-- }
}

private val GREEN = Product("p1", "Green tea", "tea", 450)
private val BLACK = Product("p2", "Black tea", "tea", 390)
private val MUG = Product("p3", "Tea mug", "kitchen", 1200)
private val KETTLE = Product("p4", "kettle", "kitchen", 3900)
private val OOLONG = Product("p5", "Oolong", "tea", 450)
private val OOLONG_2 = Product("p0", "oolong", "tea", 450)
private val ALL = listOf(GREEN, BLACK, MUG, KETTLE, OOLONG, OOLONG_2)

class CatalogViewModelHiddenTest {
    private fun TestScope.watch(viewModel: CatalogViewModel): Job {
        val job = backgroundScope.launch { viewModel.state.collect {} }
        runCurrent()
        return job
    }

    @Test
    fun nothingIsCollectedUntilSomeoneWatches() = runTest {
        val catalog = FakeCatalog(ALL)
        val viewModel = CatalogViewModel(catalog, backgroundScope)
        viewModel.setQuery("tea")
        runCurrent()
        assertEquals(0, catalog.starts)
        assertEquals(CatalogUiState(), viewModel.state.value)
        watch(viewModel)
        assertEquals(1, catalog.active)
        assertEquals(listOf(BLACK, GREEN, MUG), viewModel.state.value.products)
        assertEquals("tea", viewModel.state.value.query)
        assertEquals(false, viewModel.state.value.loading)
    }

    @Test
    fun loadingUntilTheFirstListArrives() = runTest {
        val catalog = FakeCatalog(null)
        val viewModel = CatalogViewModel(catalog, backgroundScope)
        watch(viewModel)
        viewModel.setSort(SortOrder.PRICE_LOW_FIRST)
        runCurrent()
        assertEquals(CatalogUiState(), viewModel.state.value)
        catalog.data.value = listOf(MUG, BLACK)
        runCurrent()
        assertEquals(CatalogUiState(loading = false, sort = SortOrder.PRICE_LOW_FIRST, products = listOf(BLACK, MUG),
            categoryCounts = mapOf("kitchen" to 1, "tea" to 1)), viewModel.state.value)
    }

    @Test
    fun sortsByNameIgnoringCaseThenById() = runTest {
        val viewModel = CatalogViewModel(FakeCatalog(ALL), backgroundScope)
        watch(viewModel)
        assertEquals(listOf(BLACK, GREEN, KETTLE, OOLONG_2, OOLONG, MUG), viewModel.state.value.products)
    }

    @Test
    fun sortsByPriceBothWaysWithNameAsTieBreak() = runTest {
        val viewModel = CatalogViewModel(FakeCatalog(ALL), backgroundScope)
        watch(viewModel)
        viewModel.setSort(SortOrder.PRICE_LOW_FIRST)
        runCurrent()
        assertEquals(listOf(BLACK, GREEN, OOLONG_2, OOLONG, MUG, KETTLE), viewModel.state.value.products)
        viewModel.setSort(SortOrder.PRICE_HIGH_FIRST)
        runCurrent()
        assertEquals(listOf(KETTLE, MUG, GREEN, OOLONG_2, OOLONG, BLACK), viewModel.state.value.products)
        assertEquals(SortOrder.PRICE_HIGH_FIRST, viewModel.state.value.sort)
    }

    @Test
    fun queryIsTrimmedAndCaseInsensitiveButShownAsTyped() = runTest {
        val viewModel = CatalogViewModel(FakeCatalog(ALL), backgroundScope)
        watch(viewModel)
        viewModel.setQuery("  OOL ")
        runCurrent()
        assertEquals(listOf(OOLONG_2, OOLONG), viewModel.state.value.products)
        assertEquals("  OOL ", viewModel.state.value.query)
        viewModel.setQuery("   ")
        runCurrent()
        assertEquals(6, viewModel.state.value.products.size)
    }

    @Test
    fun categoriesToggleAndCombine() = runTest {
        val viewModel = CatalogViewModel(FakeCatalog(ALL), backgroundScope)
        watch(viewModel)
        viewModel.toggleCategory("kitchen")
        runCurrent()
        assertEquals(listOf(KETTLE, MUG), viewModel.state.value.products)
        assertEquals(setOf("kitchen"), viewModel.state.value.selectedCategories)
        viewModel.toggleCategory("tea")
        runCurrent()
        assertEquals(6, viewModel.state.value.products.size)
        assertEquals(setOf("kitchen", "tea"), viewModel.state.value.selectedCategories)
        viewModel.toggleCategory("kitchen")
        viewModel.toggleCategory("tea")
        runCurrent()
        assertEquals(emptySet(), viewModel.state.value.selectedCategories)
        assertEquals(6, viewModel.state.value.products.size)
        viewModel.toggleCategory("garden")
        runCurrent()
        assertEquals(emptyList(), viewModel.state.value.products)
    }

    @Test
    fun categoryCountsIgnoreTheSelectionButFollowTheQuery() = runTest {
        val viewModel = CatalogViewModel(FakeCatalog(ALL), backgroundScope)
        watch(viewModel)
        assertEquals(mapOf("tea" to 4, "kitchen" to 2), viewModel.state.value.categoryCounts)
        viewModel.toggleCategory("tea")
        viewModel.setQuery("tea")
        runCurrent()
        assertEquals(mapOf("tea" to 2, "kitchen" to 1), viewModel.state.value.categoryCounts)
        viewModel.setQuery("kettle")
        runCurrent()
        assertEquals(mapOf("kitchen" to 1), viewModel.state.value.categoryCounts)
        assertEquals(emptyList(), viewModel.state.value.products)
    }

    @Test
    fun newListsFromTheDatabaseAreShown() = runTest {
        val catalog = FakeCatalog(listOf(GREEN))
        val viewModel = CatalogViewModel(catalog, backgroundScope)
        watch(viewModel)
        viewModel.setQuery("tea")
        runCurrent()
        catalog.data.value = listOf(GREEN, BLACK, KETTLE)
        runCurrent()
        assertEquals(listOf(BLACK, GREEN), viewModel.state.value.products)
    }

    @Test
    fun theCollectionStopsFiveSecondsAfterTheLastCollectorLeft() = runTest {
        val catalog = FakeCatalog(ALL)
        val viewModel = CatalogViewModel(catalog, backgroundScope)
        val first = watch(viewModel)
        val second = watch(viewModel)
        assertEquals(1, catalog.starts)
        first.cancel()
        advanceTimeBy(60_000)
        runCurrent()
        assertEquals(1, catalog.active)
        second.cancel()
        runCurrent()
        advanceTimeBy(4_999)
        runCurrent()
        assertEquals(1, catalog.active)
        advanceTimeBy(1)
        runCurrent()
        assertEquals(0, catalog.active)
        catalog.data.value = listOf(GREEN)
        runCurrent()
        assertEquals(6, viewModel.state.value.products.size)
    }

    @Test
    fun aCollectorReturningWithinFiveSecondsKeepsTheCollection() = runTest {
        val catalog = FakeCatalog(ALL)
        val viewModel = CatalogViewModel(catalog, backgroundScope)
        watch(viewModel).cancel()
        runCurrent()
        advanceTimeBy(3_000)
        watch(viewModel)
        advanceTimeBy(60_000)
        runCurrent()
        assertEquals(1, catalog.starts)
        assertEquals(1, catalog.active)
        watch(viewModel)
        assertEquals(1, catalog.starts)
    }
}
