// LD_PRELOAD module: open(O_TMPFILE) fails with EOPNOTSUPP, as it does on filesystems without
// unnamed temporary files (overlayfs before Linux 6.6, NFS, vfat, FUSE). QSaveFile then writes
// a named temporary file beside its destination (`out.har.AbCdEf`), which is what an interrupted
// subcommand must not leave behind; on ext4 or tmpfs there would be no file to see.
#include <cerrno>
#include <cstdarg>
#include <dlfcn.h>
#include <fcntl.h>

extern "C" int open64(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
        va_list arguments;
        va_start(arguments, flags);
        mode = va_arg(arguments, mode_t);
        va_end(arguments);
    }
    if ((flags & O_TMPFILE) == O_TMPFILE) {
        errno = EOPNOTSUPP;
        return -1;
    }
    using Open = int (*)(const char *, int, ...);
    static const auto real = reinterpret_cast<Open>(dlsym(RTLD_NEXT, "open64"));
    return real(path, flags, mode);
}
