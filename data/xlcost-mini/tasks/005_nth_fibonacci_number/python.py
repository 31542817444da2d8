# Function to find the nth Fibonacci number
def fib(n):
    # Declare an array to store Fibonacci numbers
    f = [0] * (n + 2)
    # 0th and 1st number of the series are 0 and 1
    f[0] = 0
    f[1] = 1
    for i in range(2, n + 1):
        # Add the previous 2 numbers in the series and store it
        f[i] = f[i - 1] + f[i - 2]
    return f[n]


# Driver code
if __name__ == "__main__":
    n = 9
    print(fib(n))
    n = 40
    print(fib(n))
