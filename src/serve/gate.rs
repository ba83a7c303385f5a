//! The server's permits for blocking work, one per core, in two classes: a person's
//! page (search and article pages) gets the next free permit before a script's API
//! request, so that a reader at the browser does not queue behind a batch of API calls.
//! An API request that has waited [`AGE`] goes first again, so it is never starved.
//! Within a class, first come, first served.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// How long an API request waits behind pages at most before it goes first.
pub const AGE: Duration = Duration::from_millis(500);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Page,
    Api,
}

#[derive(Default)]
struct Queues {
    free: usize,
    pages: VecDeque<oneshot::Sender<Permit>>,
    api: VecDeque<(Instant, oneshot::Sender<Permit>)>,
}

/// Permits handed out in class order; cheap to clone.
#[derive(Clone)]
pub struct Gate(Arc<Mutex<Queues>>);

/// Held while the work runs; dropping it hands the permit to the next waiter. A
/// permit sent to a waiter that gave up (its time limit) is dropped with the
/// channel, and so passes on too.
pub struct Permit(Option<Gate>);

impl Drop for Permit {
    fn drop(&mut self) {
        if let Some(gate) = self.0.take() {
            gate.release();
        }
    }
}

impl Gate {
    pub fn new(permits: usize) -> Gate {
        Gate(Arc::new(Mutex::new(Queues {
            free: permits,
            ..Queues::default()
        })))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Queues> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for a permit of `class`.
    pub async fn acquire(&self, class: Class) -> Permit {
        loop {
            let rx = {
                let mut q = self.lock();
                if q.free > 0 {
                    q.free -= 1;
                    return self.permit();
                }
                let (tx, rx) = oneshot::channel();
                match class {
                    Class::Page => q.pages.push_back(tx),
                    Class::Api => q.api.push_back((Instant::now(), tx)),
                }
                rx
            };
            // The gate drops a waiter's sender only after sending on it.
            if let Ok(p) = rx.await {
                return p;
            }
        }
    }

    fn permit(&self) -> Permit {
        Permit(Some(self.clone()))
    }

    /// A permit is back: to the next waiter that still waits, else to the free count.
    fn release(&self) {
        let mut q = self.lock();
        loop {
            let api_aged = q.api.front().is_some_and(|(t, _)| t.elapsed() >= AGE);
            let next = if api_aged || q.pages.is_empty() {
                q.api
                    .pop_front()
                    .map(|(_, tx)| tx)
                    .or_else(|| q.pages.pop_front())
            } else {
                q.pages.pop_front()
            };
            let Some(tx) = next else {
                q.free += 1;
                return;
            };
            // Sending hands over a new permit; if the waiter has gone, the permit
            // comes back unsent and is emptied, so that its drop does not release
            // (and lock) again: the loop tries the next waiter.
            match tx.send(self.permit()) {
                Ok(()) => return,
                Err(mut unsent) => unsent.0 = None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn pages_go_before_api_requests_and_permits_are_not_lost() {
        let gate = Gate::new(1);
        let first = gate.acquire(Class::Api).await;
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for (name, class) in [("api", Class::Api), ("page", Class::Page)] {
            let (gate, order) = (gate.clone(), order.clone());
            tasks.push(tokio::spawn(async move {
                let _p = gate.acquire(class).await;
                order.lock().unwrap().push(name);
            }));
            tokio::task::yield_now().await;
        }
        // A waiter that gives up must not take a permit with it.
        let gone = tokio::time::timeout(Duration::from_millis(1), gate.acquire(Class::Page)).await;
        assert!(gone.is_err());
        drop(first);
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), ["page", "api"]);
        assert_eq!(gate.lock().free, 1);
    }
}
