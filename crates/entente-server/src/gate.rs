//! Admission control: how many requests of one class run at once, and how many may wait for
//! their turn. A request that finds both full is turned away at once with 503 and
//! `Retry-After`, instead of queueing until its timeout: under a burst the server answers
//! quickly either way, and the work in flight stays bounded (threads, memory), where an
//! unbounded queue made every request time out together.

use crate::{Error, Result};
use std::sync::Arc;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// One class of requests (store queries; guides) and its limits.
pub(crate) struct Gate {
    class: &'static str,
    /// Running plus waiting: taken without waiting, or the request is refused.
    admitted: Arc<Semaphore>,
    running: Arc<Semaphore>,
    #[cfg_attr(not(test), allow(dead_code))]
    limit: usize,
}

/// A request's right to run; dropping it lets the next one in.
pub(crate) struct Pass {
    _admitted: OwnedSemaphorePermit,
    _running: OwnedSemaphorePermit,
}

impl Gate {
    /// At most `running` requests of `class` at once and `waiting` more in line.
    pub fn new(class: &'static str, running: usize, waiting: usize) -> Gate {
        let running = running.max(1);
        Gate {
            class,
            admitted: Arc::new(Semaphore::new(running + waiting)),
            running: Arc::new(Semaphore::new(running)),
            limit: running,
        }
    }

    /// Admits the request, or refuses it at once ([`Error::Overloaded`]) when the running and
    /// waiting places are all taken; then waits for its turn to run.
    pub async fn enter(&self) -> Result<Pass> {
        let admitted = self
            .admitted
            .clone()
            .try_acquire_owned()
            .map_err(|_| Error::Overloaded(self.class))?;
        let running = self
            .running
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Error::Internal(format!("the {} gate is closed", self.class)))?;
        Ok(Pass { _admitted: admitted, _running: running })
    }

    /// Requests running now.
    #[cfg(test)]
    pub fn running(&self) -> usize {
        self.limit - self.running.available_permits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn refuses_at_once_when_running_and_waiting_are_full() {
        let gate = Arc::new(Gate::new("queries", 1, 1));
        let first = gate.enter().await.unwrap();
        // The second waits in line; the third finds no place and is refused without waiting.
        let g = gate.clone();
        let second = tokio::spawn(async move { g.enter().await.map(|_| ()) });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let started = std::time::Instant::now();
        let third = gate.enter().await;
        assert!(matches!(third, Err(Error::Overloaded("queries"))), "third must be refused");
        assert!(started.elapsed() < Duration::from_millis(20), "a refusal must not wait");
        assert!(!second.is_finished(), "the second waits while the first runs");
        drop(first);
        second.await.unwrap().unwrap();
        // Everyone left: a place again.
        assert!(gate.enter().await.is_ok());
    }

    #[tokio::test]
    async fn counts_what_runs() {
        let gate = Gate::new("guides", 2, 0);
        let a = gate.enter().await.unwrap();
        assert_eq!(gate.running(), 1);
        let b = gate.enter().await.unwrap();
        assert_eq!(gate.running(), 2);
        assert!(matches!(gate.enter().await, Err(Error::Overloaded(_))));
        drop((a, b));
        assert_eq!(gate.running(), 0);
    }
}
