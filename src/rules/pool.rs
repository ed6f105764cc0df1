//! Values handed out shared, so that the same text kept for a million items or findings
//! ("no priority", the epic a story belongs to) is one allocation.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

/// The most values a pool keeps; past these (a message quoting a key, say, is new in every
/// finding), each value is its own allocation.
const MAX_SHARED: usize = 1024;

/// A set of shared values, up to [`MAX_SHARED`]. A clone starts empty: it is a cache.
pub struct Pool<T: ?Sized>(Mutex<HashSet<Arc<T>>>);

impl<T: ?Sized + Eq + Hash> Pool<T> {
    /// The shared copy of `value`: one handed out before, else `value` itself.
    pub fn share<V: Borrow<T>>(&self, value: V) -> Arc<T>
    where
        Arc<T>: From<V>,
    {
        let mut pool = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(shared) = pool.get(value.borrow()) {
            return Arc::clone(shared);
        }
        let shared = Arc::from(value);
        if pool.len() < MAX_SHARED {
            pool.insert(Arc::clone(&shared));
        }
        shared
    }
}

impl<T: ?Sized> Default for Pool<T> {
    fn default() -> Self {
        Pool(Mutex::default())
    }
}

impl<T: ?Sized> Clone for Pool<T> {
    fn clone(&self) -> Self {
        Pool::default()
    }
}

impl<T: ?Sized> fmt::Debug for Pool<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pool")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_value_is_shared() {
        let pool: Pool<str> = Pool::default();
        let (a, b, c) = (
            pool.share("PAN-E1"),
            pool.share("PAN-E1"),
            pool.share("PAN-E2"),
        );
        assert!(Arc::ptr_eq(&a, &b) && !Arc::ptr_eq(&a, &c));
        assert_eq!(&*c, "PAN-E2");
    }
}
