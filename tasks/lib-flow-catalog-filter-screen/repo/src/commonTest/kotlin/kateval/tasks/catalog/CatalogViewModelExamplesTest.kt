package kateval.tasks.catalog

import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class CatalogViewModelExamplesTest {
    @Test
    fun queryAndCategory() = runTest {
        val green = Product("p1", "Green tea", "tea", 450)
        val black = Product("p2", "Black tea", "tea", 390)
        val mug = Product("p3", "Tea mug", "kitchen", 1200)
        val viewModel = CatalogViewModel({ flowOf(listOf(green, black, mug)) }, backgroundScope)
        backgroundScope.launch { viewModel.state.collect {} }
        viewModel.setQuery(" TEA ")
        viewModel.toggleCategory("tea")
        runCurrent()
        assertEquals(listOf(black, green), viewModel.state.value.products)
        assertEquals(mapOf("tea" to 2, "kitchen" to 1), viewModel.state.value.categoryCounts)
    }
}
