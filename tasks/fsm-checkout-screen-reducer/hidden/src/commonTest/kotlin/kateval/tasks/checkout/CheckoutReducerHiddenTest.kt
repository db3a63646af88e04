package kateval.tasks.checkout

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

class CheckoutReducerHiddenTest {
    private val standard = ShippingOption("std", 499)
    private val express = ShippingOption("exp", 1299)

    /** Runs the intents in order, collecting every effect. */
    private fun run(start: CheckoutState, vararg intents: Intent): Pair<CheckoutState, List<Effect>> {
        var s = start
        val effects = mutableListOf<Effect>()
        for (i in intents) {
            val n = reduce(s, i)
            s = n.state
            effects += n.effects
        }
        return s to effects
    }

    private fun atShipping(): CheckoutState = run(
        CheckoutState(),
        Intent.SetQuantity("sku-1", 2), Intent.Next, Intent.EnterAddress("  1 Main St "), Intent.Next,
    ).first

    private fun atReview(): CheckoutState = run(
        atShipping(), Intent.ShippingLoaded(1, listOf(standard, express)), Intent.SelectShipping("exp"),
        Intent.Next, Intent.EnterPayment("tok_1"), Intent.Next,
    ).first

    @Test
    fun cartEditing() {
        val (s, fx) = run(CheckoutState(), Intent.SetQuantity("a", 1), Intent.SetQuantity("b", 3), Intent.SetQuantity("a", 0))
        assertEquals(mapOf("b" to 3), s.draft.items)
        assertTrue(fx.isEmpty())
        val bad = reduce(s, Intent.SetQuantity("b", -1))
        assertEquals("invalid quantity", bad.state.error)
        assertEquals(mapOf("b" to 3), bad.state.draft.items)
        assertNull(reduce(bad.state, Intent.SetQuantity("b", 2)).state.error)
    }

    @Test
    fun emptyCartCannotProceed() {
        val n = reduce(CheckoutState(), Intent.Next)
        assertEquals(Step.CART, n.state.step)
        assertEquals("cart is empty", n.state.error)
    }

    @Test
    fun addressStepRequestsShipping() {
        val (s0, _) = run(CheckoutState(), Intent.SetQuantity("a", 1), Intent.Next)
        assertEquals("address required", reduce(s0, Intent.Next).state.error)
        assertEquals("address required", run(s0, Intent.EnterAddress("   "), Intent.Next).first.error)
        val (s, fx) = run(s0, Intent.EnterAddress(" 1 Main St "), Intent.Next)
        assertEquals(Step.SHIPPING, s.step)
        assertTrue(s.loadingShipping)
        assertEquals(1, s.requestSeq)
        assertEquals(" 1 Main St ", s.draft.address)
        assertEquals(listOf<Effect>(Effect.LoadShipping(1, "1 Main St")), fx)
    }

    @Test
    fun shippingResultsAndAutoSelect() {
        val many = reduce(atShipping(), Intent.ShippingLoaded(1, listOf(standard, express))).state
        assertEquals(listOf(standard, express), many.shippingOptions)
        assertNull(many.draft.shippingId)
        assertEquals("choose shipping", reduce(many, Intent.Next).state.error)
        val one = reduce(atShipping(), Intent.ShippingLoaded(1, listOf(standard))).state
        assertEquals("std", one.draft.shippingId)
        assertEquals(Step.PAYMENT, reduce(one, Intent.Next).state.step)
    }

    @Test
    fun nextIsIgnoredWhileLoadingAndSelectionIsGuarded() {
        val s = atShipping()
        assertEquals(Next(s), reduce(s, Intent.Next))
        assertEquals(Next(s), reduce(s, Intent.SelectShipping("std")))
        val loaded = reduce(s, Intent.ShippingLoaded(1, listOf(standard, express))).state
        assertEquals(Next(loaded), reduce(loaded, Intent.SelectShipping("nope")))
        assertEquals("exp", reduce(loaded, Intent.SelectShipping("exp")).state.draft.shippingId)
    }

    @Test
    fun staleShippingAnswersAreIgnored() {
        val s = atShipping()
        assertEquals(Next(s), reduce(s, Intent.ShippingLoaded(0, listOf(standard))))
        // go back and forward: a new request supersedes the first
        val (again, fx) = run(s, Intent.Back, Intent.Next)
        assertEquals(2, again.requestSeq)
        assertEquals(listOf<Effect>(Effect.LoadShipping(2, "1 Main St")), fx)
        assertEquals(Next(again), reduce(again, Intent.ShippingLoaded(1, listOf(standard))))
        assertEquals(Next(again), reduce(again, Intent.ShippingFailed(1, "timeout")))
        // an answer that arrives after leaving the step is ignored too
        val back = reduce(s, Intent.Back).state
        assertEquals(Step.ADDRESS, back.step)
        assertEquals(false, back.loadingShipping)
        assertEquals(Next(back), reduce(back, Intent.ShippingLoaded(1, listOf(standard))))
    }

    @Test
    fun shippingFailure() {
        val n = reduce(atShipping(), Intent.ShippingFailed(1, "no carrier"))
        assertEquals(false, n.state.loadingShipping)
        assertEquals("no carrier", n.state.error)
        assertEquals(listOf<Effect>(Effect.ShowMessage("no carrier")), n.effects)
    }

    @Test
    fun reenteringAddressResetsShippingChoice() {
        val chosen = run(atShipping(), Intent.ShippingLoaded(1, listOf(standard)), Intent.Back, Intent.Next).first
        assertNull(chosen.draft.shippingId)
        assertTrue(chosen.shippingOptions.isEmpty())
    }

    @Test
    fun paymentStep() {
        val s = run(atShipping(), Intent.ShippingLoaded(1, listOf(standard)), Intent.Next).first
        assertEquals(Step.PAYMENT, s.step)
        assertEquals("payment required", run(s, Intent.EnterPayment("  "), Intent.Next).first.error)
        assertEquals(Step.REVIEW, run(s, Intent.EnterPayment("tok"), Intent.Next).first.step)
        assertEquals(Next(s), reduce(s, Intent.SetQuantity("x", 1)))
    }

    @Test
    fun placingAnOrder() {
        val review = atReview()
        assertEquals(Next(review), reduce(review, Intent.Next))
        val placing = reduce(review, Intent.PlaceOrder)
        assertTrue(placing.state.placing)
        assertEquals(listOf<Effect>(Effect.SubmitOrder(review.draft)), placing.effects)
        assertEquals(Next(placing.state), reduce(placing.state, Intent.Back))
        assertEquals(Next(placing.state), reduce(placing.state, Intent.PlaceOrder))
        val done = reduce(placing.state, Intent.OrderPlaced("o-42"))
        assertEquals("o-42", done.state.orderId)
        assertEquals(false, done.state.placing)
        assertEquals(listOf<Effect>(Effect.NavigateToConfirmation("o-42")), done.effects)
        for (i in listOf(Intent.Back, Intent.OrderFailed("x"), Intent.OrderPlaced("o-43"), Intent.PlaceOrder)) {
            assertEquals(Next(done.state), reduce(done.state, i))
        }
    }

    @Test
    fun orderFailureAllowsRetry() {
        val placing = reduce(atReview(), Intent.PlaceOrder).state
        val failed = reduce(placing, Intent.OrderFailed("card declined"))
        assertEquals(false, failed.state.placing)
        assertEquals("card declined", failed.state.error)
        assertEquals(listOf<Effect>(Effect.ShowMessage("card declined")), failed.effects)
        val retry = reduce(failed.state, Intent.PlaceOrder)
        assertNull(retry.state.error)
        assertTrue(retry.state.placing)
    }

    @Test
    fun orderAnswersOutsidePlacingAreIgnored() {
        val review = atReview()
        assertEquals(Next(review), reduce(review, Intent.OrderPlaced("o-1")))
        assertEquals(Next(review), reduce(review, Intent.OrderFailed("x")))
    }

    @Test
    fun backThroughAllStepsKeepsTheDraft() {
        val review = atReview()
        val (s, fx) = run(review, Intent.Back, Intent.Back, Intent.Back, Intent.Back)
        assertEquals(Step.CART, s.step)
        assertEquals(review.draft, s.draft)
        assertTrue(fx.isEmpty())
        assertEquals(Next(s), reduce(s, Intent.Back))
        val withError = reduce(review.copy(step = Step.PAYMENT, error = "boom"), Intent.Back).state
        assertNull(withError.error)
    }
}
