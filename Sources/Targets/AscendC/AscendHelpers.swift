// The helper definitions Ascend C device code starts with: scalar loads and stores of global
// memory through a GlobalTensor view (targets.md B6, C). GlobalTensor::SetValue writes the
// core's data cache, not GM; DataCacheCleanAndInvalid on the element's cache line writes it back
// at once, so that other cores and later DMA see it (CANN 8.0 API: SetValue,
// DataCacheCleanAndInvalid with CacheLine::SINGLE_CACHE_LINE and DcciDst::CACHELINE_OUT).

/// Helper definitions of the Ascend C emitter.
enum AscendHelpers {
  /// The C text of `helper`.
  static func text(_ helper: EmitterHelper) -> String? {
    switch helper {
    case .ascendGlobalLoad:
      return """
        // Scalar read of global memory: GlobalTensor::GetValue on the scalar pipe (PIPE_S).
        template <typename T>
        __aicore__ inline T kport_gm_load(__gm__ const T *base, uint64_t index) {
          AscendC::GlobalTensor<T> view;
          view.SetGlobalBuffer(const_cast<__gm__ T *>(base));
          return view.GetValue(index);
        }
        """
    case .ascendGlobalStore:
      return """
        // Scalar write of global memory: GlobalTensor::SetValue writes the core's data cache; the
        // cache line is written back to GM at once.
        template <typename T, typename V>
        __aicore__ inline void kport_gm_store(__gm__ T *base, uint64_t index, V value) {
          AscendC::GlobalTensor<T> view;
          view.SetGlobalBuffer(base);
          view.SetValue(index, static_cast<T>(value));
          AscendC::DataCacheCleanAndInvalid<T, AscendC::CacheLine::SINGLE_CACHE_LINE,
                                            AscendC::DcciDst::CACHELINE_OUT>(view[index]);
        }
        """
    case .bitcast:
      return nil
    }
  }
}
