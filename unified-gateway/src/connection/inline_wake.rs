//! A connection polled again at once when it wakes itself while being polled.
//!
//! A handler that reads its request body takes each chunk from hyper's body channel, and taking
//! one wakes the connection's reader, which is the connection's own task. Woken while running,
//! the task is put back at the end of the run queue and another worker is woken to steal it:
//! on a 400, a futex or eventfd write per request and a hop between threads, about a tenth of
//! the request's time (BENCHMARKS.md, "The 400 path without the self-wake"). Here such a wake is
//! noted instead and the connection is polled once more in the same turn; a wake from anywhere
//! else, or one that comes when the connection is not being polled, reaches the task as before.

use std::pin::Pin;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};

/// Polls in a row before a connection that keeps waking itself yields to the other tasks. One
/// poll again is enough for the body channel's wake; more would also defeat hyper's own yield
/// after many pipelined requests, which wakes the task to let the others run.
const MAX_POLLS_IN_A_ROW: usize = 2;

/// Not being polled: a wake goes to the task.
const IDLE: u8 = 0;
/// Being polled: a wake is noted.
const POLLING: u8 = 1;
/// Being polled, and woken since the poll began.
const WOKEN: u8 = 2;

/// `future`, polled again within the same poll when it wakes itself.
pub struct InlineWakes<F> {
    future: F,
    shared: Arc<Shared>,
    /// The waker `future` is polled with: it wakes through `shared`.
    waker: Waker,
}

impl<F> InlineWakes<F> {
    /// Wraps `future`.
    pub fn new(future: F) -> InlineWakes<F> {
        let shared = Arc::new(Shared {
            state: AtomicU8::new(IDLE),
            task: Mutex::new(None),
        });
        InlineWakes {
            future,
            waker: Waker::from(shared.clone()),
            shared,
        }
    }
}

impl<F: Unpin> InlineWakes<F> {
    /// The wrapped future.
    pub fn inner(&mut self) -> &mut F {
        &mut self.future
    }
}

impl<F: Future + Unpin> Future for InlineWakes<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.shared.remember(cx.waker());
        let this = &mut *self;
        for _ in 0..MAX_POLLS_IN_A_ROW {
            this.shared.state.store(POLLING, Ordering::Release);
            let polled = Pin::new(&mut this.future).poll(&mut Context::from_waker(&this.waker));
            let woken = this.shared.state.swap(IDLE, Ordering::AcqRel) == WOKEN;
            if polled.is_ready() || !woken {
                return polled;
            }
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// What the wrapped future's waker reaches: the state of the poll and the task's own waker.
struct Shared {
    state: AtomicU8,
    task: Mutex<Option<Waker>>,
}

impl Shared {
    fn task(&self) -> MutexGuard<'_, Option<Waker>> {
        // A waker is replaced whole, so one left by a panic is still a waker.
        self.task
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps `waker` as the task's, unless the one kept already wakes the same task.
    fn remember(&self, waker: &Waker) {
        let mut task = self.task();
        if !task.as_ref().is_some_and(|kept| kept.will_wake(waker)) {
            *task = Some(waker.clone());
        }
    }
}

impl Wake for Shared {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        match self
            .state
            .compare_exchange(POLLING, WOKEN, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) | Err(WOKEN) => {}
            Err(_) => {
                if let Some(task) = self.task().as_ref() {
                    task.wake_by_ref();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// Counts the wakes that reach the task.
    struct Counter(AtomicUsize);

    impl Wake for Counter {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// A future that wakes itself during its first `self_wakes` polls, then is ready; it
    /// counts its polls.
    struct WakesItself {
        self_wakes: usize,
        polls: usize,
    }

    impl Future for WakesItself {
        type Output = usize;

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
            self.polls += 1;
            if self.polls > self.self_wakes {
                return Poll::Ready(self.polls);
            }
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }

    fn task() -> (Arc<Counter>, Waker) {
        let counter = Arc::new(Counter(AtomicUsize::new(0)));
        (counter.clone(), Waker::from(counter))
    }

    #[test]
    fn a_wake_during_the_poll_polls_again_without_waking_the_task() {
        let (counter, waker) = task();
        let mut future = InlineWakes::new(WakesItself {
            self_wakes: MAX_POLLS_IN_A_ROW - 1,
            polls: 0,
        });
        let polled = Pin::new(&mut future).poll(&mut Context::from_waker(&waker));
        assert_eq!(polled, Poll::Ready(MAX_POLLS_IN_A_ROW));
        assert_eq!(counter.0.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn a_future_that_keeps_waking_itself_yields_to_the_task() {
        let (counter, waker) = task();
        let mut future = InlineWakes::new(WakesItself {
            self_wakes: usize::MAX,
            polls: 0,
        });
        let polled = Pin::new(&mut future).poll(&mut Context::from_waker(&waker));
        assert_eq!(polled, Poll::Pending);
        assert_eq!(future.future.polls, MAX_POLLS_IN_A_ROW);
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
    }

    /// A future that keeps the waker it was last polled with, as a socket or channel does.
    struct KeepsItsWaker(Arc<Mutex<Option<Waker>>>);

    impl Future for KeepsItsWaker {
        type Output = ();

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            *self.0.lock().unwrap() = Some(cx.waker().clone());
            Poll::Pending
        }
    }

    #[test]
    fn a_wake_between_polls_reaches_the_task() {
        let (counter, waker) = task();
        let kept = Arc::new(Mutex::new(None));
        let mut future = InlineWakes::new(KeepsItsWaker(kept.clone()));
        let polled = Pin::new(&mut future).poll(&mut Context::from_waker(&waker));
        assert!(polled.is_pending());
        assert_eq!(counter.0.load(Ordering::SeqCst), 0);
        let resource = kept.lock().unwrap().take().expect("the future was polled");
        resource.wake();
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
    }
}
