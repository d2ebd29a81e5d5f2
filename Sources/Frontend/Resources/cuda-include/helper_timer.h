/* kport's declaration-only stand-in for the CUDA samples header "helper_timer.h"
 * (Common/helper_timer.h: StopWatchInterface and the sdk*Timer functions). Written for kport from
 * the samples' public interface; no NVIDIA code is copied. */
#ifndef __KPORT_HELPER_TIMER_H__
#define __KPORT_HELPER_TIMER_H__
#define COMMON_HELPER_TIMER_H_

class StopWatchInterface {
public:
  StopWatchInterface() {}
  virtual ~StopWatchInterface() {}
  virtual void start() = 0;
  virtual void stop() = 0;
  virtual void reset() = 0;
  virtual float getTime() = 0;
  virtual float getAverageTime() = 0;
};

class StopWatchLinux : public StopWatchInterface {
public:
  StopWatchLinux();
  virtual ~StopWatchLinux();
  virtual void start();
  virtual void stop();
  virtual void reset();
  virtual float getTime();
  virtual float getAverageTime();
};

bool sdkCreateTimer(StopWatchInterface **timer_interface);
bool sdkDeleteTimer(StopWatchInterface **timer_interface);
bool sdkStartTimer(StopWatchInterface **timer_interface);
bool sdkStopTimer(StopWatchInterface **timer_interface);
bool sdkResetTimer(StopWatchInterface **timer_interface);
float sdkGetAverageTimerValue(StopWatchInterface **timer_interface);
float sdkGetTimerValue(StopWatchInterface **timer_interface);

#endif /* __KPORT_HELPER_TIMER_H__ */
