# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Panthor driver stack: build everything, boot the UML test bed, run tests.
#
#   make run            set up, boot the test bed, show the driver working
#   make check          every test; ends with "N passed, M failed"
#   make bench          benchmarks
#   make arm64          cross-compile our driver for a real board
#
# Variables:
#   DRIVER=ours|stock   driver under test (default ours)
#   DEBUG=1             debug kernel (KASAN, lockdep, DEBUG_OBJECTS, kmemleak)
#   NOPM=1              kernel without power management (CONFIG_PM=n)
#   KDIR=/path          another 6.12+ kernel source tree instead of Debian's
#   BUILD=/path         build directory (default ./build)

TOP	:= $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD	?= $(TOP)/build
SHARED	?= $(abspath $(TOP)/../shared)
DRIVER	?= ours
DEBUG	?= 0
NOPM	?= 0
JOBS	?= $(shell nproc)
# Extra kbuild arguments for our modules, e.g. KBUILD_EXTRA=C=2 for sparse.
KBUILD_EXTRA ?=

export BUILD SHARED DRIVER DEBUG NOPM

# ---- Host packages ---------------------------------------------------------

KVERSION	:= 6.12
DEB_PACKAGES	:= linux-source-$(KVERSION) libdrm-dev device-tree-compiler \
		   ccache gcc-aarch64-linux-gnu sparse bc flex bison libelf-dev \
		   libssl-dev xz-utils pkg-config cpio kmod rsync python3
STAMP		:= $(BUILD)/.stamps

$(STAMP)/deps:
	@mkdir -p $(@D)
	@$(TOP)/testbed/install-deps $(DEB_PACKAGES)
	@touch $@

deps: $(STAMP)/deps

# ---- Kernel source ---------------------------------------------------------

ifeq ($(KDIR),)
KSRC		:= $(BUILD)/linux-source-$(KVERSION)
KSRC_TARBALL	:= /usr/src/linux-source-$(KVERSION).tar.xz

$(KSRC)/Makefile: | $(STAMP)/deps
	@echo "  EXTRACT $(KSRC_TARBALL)"
	@mkdir -p $(BUILD)
	@tar -C $(BUILD) -xf $(KSRC_TARBALL)
	@touch $@
else
KSRC		:= $(abspath $(KDIR))
$(KSRC)/Makefile:
	@test -f $@ || { echo "KDIR=$(KDIR) is not a kernel tree"; exit 1; }
endif

# ccache outside the repository, so rebuilds of the UML kernel are fast.
export CCACHE_DIR ?= $(HOME)/.cache/ccache
KCC		:= ccache gcc
KMAKE		= $(MAKE) -C $(KSRC) CC="$(KCC)" -j$(JOBS)

# ---- UML test kernel -------------------------------------------------------

ifeq ($(DEBUG),1)
SFX		:= -debug
UML_FRAGMENTS	:= $(TOP)/testbed/uml.config $(TOP)/testbed/uml-debug.config
else
SFX		:=
UML_FRAGMENTS	:= $(TOP)/testbed/uml.config
endif
# Fragments whose every line must survive olddefconfig.
UML_CHECKED	:= $(UML_FRAGMENTS)
ifeq ($(NOPM),1)
SFX		:= $(SFX)-nopm
UML_FRAGMENTS	+= $(TOP)/testbed/uml-nopm.config
# uml-nopm.config overrides the PM lines of uml.config.
UML_CHECKED	:= $(filter-out $(TOP)/testbed/uml.config,$(UML_FRAGMENTS))
endif
UML_OUT		:= $(BUILD)/uml$(SFX)
UML_MAKE	= $(KMAKE) ARCH=um O=$(UML_OUT)

$(UML_OUT)/.config: $(UML_FRAGMENTS) $(KSRC)/Makefile
	@echo "  CONFIG  $(UML_OUT)"
	@mkdir -p $(UML_OUT)
	@$(MAKE) -s -C $(KSRC) ARCH=um O=$(UML_OUT) defconfig >/dev/null
	@$(KSRC)/scripts/kconfig/merge_config.sh -m -O $(UML_OUT) \
		$(UML_OUT)/.config $(UML_FRAGMENTS) >/dev/null
	@$(MAKE) -s -C $(KSRC) ARCH=um O=$(UML_OUT) olddefconfig >/dev/null
	@$(TOP)/testbed/check-config $(UML_OUT)/.config $(UML_CHECKED)

$(UML_OUT)/linux: $(UML_OUT)/.config
	@echo "  KERNEL  $(UML_OUT) (log: $(UML_OUT)/build.log)"
	@$(UML_MAKE) -s all > $(UML_OUT)/build.log 2>&1 || \
		{ tail -n 40 $(UML_OUT)/build.log; exit 1; }
	@rm -rf $(UML_OUT)/modroot
	@$(UML_MAKE) -s INSTALL_MOD_PATH=$(UML_OUT)/modroot modules_install \
		>/dev/null

# Without PM no in-tree user of DRM_EXEC and DRM_GPUVM builds on UML (see
# uml-nopm.config), so the two modules are built from the kernel tree as
# external modules and installed next to the kernel's own.
ifeq ($(NOPM),1)
NOPM_HELPERS	:= $(BUILD)/drm-helpers-uml$(SFX)
KERNEL_EXTRAS	:= $(NOPM_HELPERS)/Module.symvers

$(NOPM_HELPERS)/Module.symvers: $(UML_OUT)/linux
	@rm -rf $(NOPM_HELPERS) && mkdir -p $(NOPM_HELPERS)
	@ln -s $(KSRC)/drivers/gpu/drm/drm_exec.c $(NOPM_HELPERS)/
	@ln -s $(KSRC)/drivers/gpu/drm/drm_gpuvm.c $(NOPM_HELPERS)/
	@echo 'obj-m := drm_exec.o drm_gpuvm.o' > $(NOPM_HELPERS)/Kbuild
	@echo "  MODULES $(NOPM_HELPERS)"
	@$(UML_MAKE) -s M=$(NOPM_HELPERS) modules
	@$(UML_MAKE) -s M=$(NOPM_HELPERS) INSTALL_MOD_PATH=$(UML_OUT)/modroot \
		modules_install >/dev/null

nopm-helpers: $(NOPM_HELPERS)/Module.symvers
endif

kernel: $(UML_OUT)/linux $(KERNEL_EXTRAS)

# ---- Device tree -----------------------------------------------------------

DTB		:= $(BUILD)/testbed/rk3588-model.dtb

$(DTB): $(TOP)/testbed/rk3588-model.dts | $(STAMP)/deps
	@mkdir -p $(@D)
	@echo "  DTC     $<"
	@dtc -q -I dts -O dtb -o $@ $<

dtb: $(DTB)

# ---- Out-of-tree modules: our driver, its KUnit suites, the model ----------
#
# Kbuild writes objects next to the sources it is given, so each module is
# built from a symlink farm under build/ and the source tree stays clean.

OURS_OUT	:= $(BUILD)/ours-uml$(SFX)
MODEL_OUT	:= $(BUILD)/model-uml$(SFX)
DRIVER_SRC	:= $(TOP)/drivers/gpu/drm/panthor
PANTHOR_KCONFIG	:= CONFIG_DRM_PANTHOR=m CONFIG_DRM_PANTHOR_KUNIT_TEST=m
OURS_EXTRA_SYMBOLS := $(if $(KERNEL_EXTRAS),KBUILD_EXTRA_SYMBOLS=$(KERNEL_EXTRAS))

define symlink_farm
	@rm -rf $(1).new && mkdir -p $(1).new $(1)
	@cp -rs $(2)/. $(1).new/
	@$(if $(3),mkdir -p $(1).new/$(3) && cp -rs $(4)/. $(1).new/$(3)/)
	@rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		--exclude='*.mod*' --exclude='modules.order' \
		--exclude='Module.symvers' $(1).new/ $(1)/
	@rm -rf $(1).new
endef

ours-modules: $(UML_OUT)/linux $(KERNEL_EXTRAS)
	$(call symlink_farm,$(OURS_OUT),$(DRIVER_SRC))
	@echo "  MODULES $(OURS_OUT)"
	@$(UML_MAKE) -s M=$(OURS_OUT) PANTHOR_TOP=$(TOP) $(PANTHOR_KCONFIG) \
		W=1 $(OURS_EXTRA_SYMBOLS) $(KBUILD_EXTRA) modules

model-modules: $(UML_OUT)/linux
	$(call symlink_farm,$(MODEL_OUT),$(TOP)/model/uml,core,$(TOP)/model/core)
	@echo "  MODULES $(MODEL_OUT)"
	@$(UML_MAKE) -s M=$(MODEL_OUT) W=1 modules

modules: ours-modules model-modules

# ---- Userspace: client, IGT tests, ABI check -------------------------------

client: | $(STAMP)/deps
	@$(MAKE) -s -C $(TOP)/mesa-client BUILD=$(BUILD) TOP=$(TOP)

igt: | $(STAMP)/deps
	@$(MAKE) -s -C $(TOP)/igt-tests BUILD=$(BUILD) TOP=$(TOP)

userspace: client igt

# ---- Firmware --------------------------------------------------------------

FW_DIR		:= $(BUILD)/firmware/lib/firmware
G610_FW		:= $(FW_DIR)/arm/mali/arch10.8/mali_csffw.bin

# Arm's real G610 image, from Debian's firmware-misc-nonfree (backports).
$(G610_FW): $(TOP)/testbed/fetch-firmware | $(STAMP)/deps
	@echo "  FETCH   firmware-misc-nonfree (arm/mali)"
	@FIRMWARE_APT_DIR=$(BUILD)/apt $(TOP)/testbed/fetch-firmware $(FW_DIR)
	@touch $@

firmware: $(G610_FW)

# ---- Top-level targets -----------------------------------------------------

all: kernel dtb modules userspace firmware

# The GPU's identity as the driver reports it, then every client workload
# with its verdict; the exit status is the workloads'.
run: all
	@$(TOP)/testbed/run --driver=$(DRIVER) -- sh -c '\
		$(BUILD)/mesa-client/panthor-client info; echo; \
		$(BUILD)/mesa-client/panthor-client run all'

check: all
	@$(TOP)/testbed/check

# Model numbers (UML on the GPU model), not silicon: null-job latency,
# submissions per second, VM_BIND pages per second.
bench: all
	@$(TOP)/testbed/run --driver=$(DRIVER) -- \
		$(BUILD)/mesa-client/panthor-client bench

# ---- arm64 cross build of our driver for a real board ----------------------

ARM64_OUT	:= $(BUILD)/arm64
ARM64_MOD_OUT	:= $(BUILD)/ours-arm64
ARM64_MAKE	= $(MAKE) -C $(KSRC) ARCH=arm64 \
		  CROSS_COMPILE=aarch64-linux-gnu- \
		  CC="ccache aarch64-linux-gnu-gcc" O=$(ARM64_OUT) -j$(JOBS)

$(ARM64_OUT)/.config: $(TOP)/testbed/arm64.config $(KSRC)/Makefile
	@echo "  CONFIG  $(ARM64_OUT)"
	@mkdir -p $(ARM64_OUT)
	@$(ARM64_MAKE) -s defconfig >/dev/null
	@$(KSRC)/scripts/kconfig/merge_config.sh -m -O $(ARM64_OUT) \
		$(ARM64_OUT)/.config $(TOP)/testbed/arm64.config >/dev/null
	@$(ARM64_MAKE) -s olddefconfig >/dev/null
	@$(TOP)/testbed/check-config $(ARM64_OUT)/.config \
		$(TOP)/testbed/arm64.config

# A prepared (not built) tree has no symbol table, so modpost cannot resolve
# the driver's imports; they are resolved when the module loads on the board.
ARM64_MODPOST_NOISE := modpost: .*(undefined|unresolved)|Module.symvers is \
	missing|Modules may not have|You may get many|KBUILD_MODPOST_WARN=1 \
	to turn|proceed at your own risk

arm64: $(ARM64_OUT)/.config
	@echo "  PREPARE $(ARM64_OUT)"
	@$(ARM64_MAKE) -s modules_prepare
	$(call symlink_farm,$(ARM64_MOD_OUT),$(DRIVER_SRC))
	@echo "  MODULES $(ARM64_MOD_OUT) (W=1)"
	@$(ARM64_MAKE) -s M=$(ARM64_MOD_OUT) PANTHOR_TOP=$(TOP) \
		CONFIG_DRM_PANTHOR=m W=1 KBUILD_MODPOST_WARN=1 modules \
		2>&1 | grep -vE "$(ARM64_MODPOST_NOISE)" || true
	@test -f $(ARM64_MOD_OUT)/panthor.ko
	@echo "  DONE    $(ARM64_MOD_OUT)/panthor.ko"

clean:
	rm -rf $(OURS_OUT) $(MODEL_OUT) $(BUILD)/ours-arm64 $(BUILD)/igt \
		$(BUILD)/mesa-client $(BUILD)/model-tests $(BUILD)/runs

distclean:
	rm -rf $(BUILD)

.PHONY: deps kernel nopm-helpers dtb ours-modules model-modules modules client igt \
	userspace firmware all run check bench arm64 clean distclean FORCE
