package dev.pushdeck.device;

/** A registration's outcome: the device as stored now, and whether it was new (201) or known (200). */
public record Registration(Device device, boolean created) {
}
