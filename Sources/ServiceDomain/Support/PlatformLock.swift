#if canImport(Darwin)
    internal import Darwin
#elseif canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#else
    internal import Foundation
#endif

/// A mutual-exclusion lock over the platform's cheapest primitive: `os_unfair_lock` on Apple platforms, a
/// `pthread_mutex_t` on Linux, and `NSLock` elsewhere.
///
/// `NSLock` on Linux goes through `NSCondition` and two dynamic calls per operation; on hot read paths (the business
/// calendar's window cache is read several times per case evaluated) the direct primitive costs about a quarter as
/// much. The lock lives in its own allocation so that it never moves; call ``deallocate()`` exactly once.
struct PlatformLock: @unchecked Sendable {
    #if canImport(Darwin)
        private let primitive: UnsafeMutablePointer<os_unfair_lock>
    #elseif canImport(Glibc) || canImport(Musl)
        private let primitive: UnsafeMutablePointer<pthread_mutex_t>
    #else
        private let primitive: NSLock
    #endif

    /// Creates an unlocked lock.
    init() {
        #if canImport(Darwin)
            primitive = .allocate(capacity: 1)
            primitive.initialize(to: os_unfair_lock())
        #elseif canImport(Glibc) || canImport(Musl)
            primitive = .allocate(capacity: 1)
            primitive.initialize(to: pthread_mutex_t())
            pthread_mutex_init(primitive, nil)
        #else
            primitive = NSLock()
        #endif
    }

    /// Runs `body` while holding the lock.
    @inline(__always)
    func withLock<Result>(_ body: () -> Result) -> Result {
        #if canImport(Darwin)
            os_unfair_lock_lock(primitive)
            defer { os_unfair_lock_unlock(primitive) }
        #elseif canImport(Glibc) || canImport(Musl)
            pthread_mutex_lock(primitive)
            defer { pthread_mutex_unlock(primitive) }
        #else
            primitive.lock()
            defer { primitive.unlock() }
        #endif
        return body()
    }

    /// Releases the lock's memory; the lock must not be used afterwards.
    func deallocate() {
        #if canImport(Darwin)
            primitive.deinitialize(count: 1)
            primitive.deallocate()
        #elseif canImport(Glibc) || canImport(Musl)
            pthread_mutex_destroy(primitive)
            primitive.deinitialize(count: 1)
            primitive.deallocate()
        #endif
    }
}
